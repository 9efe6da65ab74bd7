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
    /// The platform message id of the bot's earlier post with this action key (a thread root, an item, the
    /// summary), or null when it has not been delivered.
    /// </summary>
    public Task<string?> FindMessageIdAsync(string actionKey, CancellationToken cancellationToken) =>
        store.FindDeliveredMessageIdAsync(channel, actionKey, cancellationToken);
}
