namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>files.getUploadURLExternal</c>: where to send the bytes, and the file's id.</summary>
public sealed record SlackUploadUrlResponse : SlackApiResponse
{
    public string? UploadUrl { get; init; }

    public string? FileId { get; init; }
}
