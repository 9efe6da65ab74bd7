namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>files.completeUploadExternal</c>: the files shared.</summary>
public sealed record SlackCompleteUploadResponse : SlackApiResponse
{
    public IReadOnlyList<SlackFileRef> Files { get; init; } = [];
}
