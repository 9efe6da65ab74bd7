namespace Postmortem.Core.Language;

/// <summary>The parsed draft and every problem with it, each phrased for the person (e.g. "an owner: mention one person with @").</summary>
public sealed record ActionItemParseResult(ActionItemDraft Draft, IReadOnlyList<string> Problems)
{
    public bool IsAccepted => Problems.Count == 0;
}
