using System.Collections.Concurrent;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Teams conversation ids: whether one is a channel (whose posts have reply chains), the id of a chain
/// (<c>{channel};messageid={root}</c>), and which chain each message the bot posted lives in, so an update is
/// addressed to the right conversation. The map is in memory; after a restart a message is taken to be a chain root.
/// </summary>
internal sealed class TeamsThreads
{
    private const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<string, string> threadOfMessage = new(StringComparer.Ordinal);

    /// <summary>Team channels (<c>@thread.tacv2</c>, older <c>@thread.skype</c>); group chats (<c>@thread.v2</c>) and personal chats (<c>a:…</c>) have no reply chains.</summary>
    public static bool IsChannel(string conversationId) =>
        conversationId.EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase)
        || conversationId.EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase);

    public static string Chain(string channelId, string rootMessageId) => $"{channelId};messageid={rootMessageId}";

    public void Remember(string messageId, string conversationId)
    {
        if (threadOfMessage.Count >= MaxRemembered)
        {
            threadOfMessage.Clear();
        }

        threadOfMessage[messageId] = conversationId;
    }

    /// <summary>The conversation to address an update of <paramref name="messageId"/> to.</summary>
    public string ConversationOf(string channelId, string messageId) =>
        threadOfMessage.TryGetValue(messageId, out var conversation) ? conversation
        : IsChannel(channelId) ? Chain(channelId, messageId)
        : channelId;
}
