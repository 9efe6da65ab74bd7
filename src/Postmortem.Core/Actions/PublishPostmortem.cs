using Postmortem.Core.Rendering;

namespace Postmortem.Core.Actions;

/// <summary>
/// Show the postmortem: a summary message (posted under <see cref="SummaryKey"/> the first time, updated in place
/// after that) and the full Markdown document as a file.
/// </summary>
public sealed record PublishPostmortem : ChatAction
{
    public required string SummaryKey { get; init; }

    public required PostmortemDocument Document { get; init; }

    public required string Markdown { get; init; }

    public required string FileName { get; init; }

    public override string? PostKey => SummaryKey;
}
