namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>chat.postMessage</c> and <c>chat.update</c>: the channel and the message's ts.</summary>
public sealed record SlackPostMessageResponse : SlackApiResponse
{
    public string? Channel { get; init; }

    public string? Ts { get; init; }

    public string? Text { get; init; }

    public SlackMessageItem? Message { get; init; }
}
