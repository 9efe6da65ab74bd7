using Postmortem.Core.ActionItems;

namespace Postmortem.Core.Rendering;

/// <summary>One row of the corrective actions table.</summary>
public sealed record CorrectiveActionRow(
    int Number,
    string Change,
    string OwnerId,
    string OwnerName,
    DateOnly Due,
    string DoneWhen,
    ActionItemStatus Status,
    string? TicketUrl);
