namespace Postmortem.Core.ActionItems;

public enum ActionItemStatus
{
    Proposed,
    Confirmed,
    Rejected,
    Done,
}
