using Postmortem.Core.Chat;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>What an <see cref="IChatPlatform"/> may ask while delivering one outbox action.</summary>
public sealed class DeliveryContext(IPostmortemStore store, ChannelRef channel, int attempt)
{
    public ChannelRef Channel => channel;

    /// <summary>1 for the first try.</summary>
    public int Attempt => attempt;

    /// <summary>
    /// The platform message id of the bot's earlier post known by this key (<see cref="Core.Actions.ChatAction.PostKey"/>:
    /// a thread root, an item, the summary), or null when it has not been delivered. Deliveries are recorded under
    /// that key; a post known only from the session's fed-back bot posts (older data) is found there.
    /// </summary>
    public async Task<string?> FindMessageIdAsync(string actionKey, CancellationToken cancellationToken)
    {
        var delivered = await store.FindDeliveredMessageIdAsync(channel, actionKey, cancellationToken).ConfigureAwait(false);
        if (delivered is not null)
        {
            return delivered;
        }

        var snapshot = await store.LoadChannelAsync(channel, cancellationToken).ConfigureAwait(false);
        return snapshot.Session?.BotPosts.GetValueOrDefault(actionKey);
    }
}
