using Postmortem.Core.Actions;

namespace Postmortem.Host.Processing;

/// <summary>An adapter's outbound side: carries out <see cref="ChatAction"/>s on one chat platform.</summary>
public interface IChatPlatform
{
    /// <summary>Matches <see cref="Core.Chat.ChannelRef.Platform"/> of the actions it handles.</summary>
    string Platform { get; }

    /// <summary>
    /// Carries out one action. Must be idempotent for the action's key: a retry after a crash returns the
    /// message posted the first time instead of posting again, where the platform allows it.
    /// </summary>
    Task<DeliveryResult> DeliverAsync(ChatAction action, DeliveryContext context, CancellationToken cancellationToken);
}
