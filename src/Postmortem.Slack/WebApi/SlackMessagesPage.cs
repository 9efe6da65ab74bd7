namespace Postmortem.Slack.WebApi;

/// <summary>One page of <c>conversations.history</c> or <c>conversations.replies</c>.</summary>
public sealed record SlackMessagesPage : SlackApiResponse
{
    public IReadOnlyList<SlackMessageItem> Messages { get; init; } = [];

    public bool HasMore { get; init; }
}
