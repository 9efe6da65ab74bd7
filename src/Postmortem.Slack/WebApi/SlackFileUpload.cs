namespace Postmortem.Slack.WebApi;

/// <summary>A file to share in a channel (optionally in a thread, with a comment).</summary>
public sealed record SlackFileUpload(string ChannelId, string FileName, byte[] Bytes)
{
    public string? Title { get; init; }

    public string? InitialComment { get; init; }

    public string? ThreadTs { get; init; }
}
