namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>conversations.info</c>.</summary>
public sealed record SlackConversationInfoResponse : SlackApiResponse
{
    public SlackConversation? Channel { get; init; }
}
