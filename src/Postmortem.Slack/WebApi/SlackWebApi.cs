namespace Postmortem.Slack.WebApi;

/// <summary>Slack's Web API, one small client per method family over one <see cref="SlackApiTransport"/>.</summary>
public sealed class SlackWebApi(SlackApiTransport transport, TimeProvider time)
{
    public SlackAuthApi Auth { get; } = new(transport);

    public SlackChatApi Chat { get; } = new(transport);

    public SlackConversationsApi Conversations { get; } = new(transport);

    public SlackUsersApi Users { get; } = new(transport, time);

    public SlackReactionsApi Reactions { get; } = new(transport);

    public SlackFilesApi Files { get; } = new(transport);
}
