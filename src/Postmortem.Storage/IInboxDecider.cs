using Postmortem.Core.Chat;

namespace Postmortem.Storage;

/// <summary>
/// Decides inbox items for the store, inside the transaction that stores them, so an event and what it caused are
/// committed together. The store calls these members one at a time, under its write lock, in inbox order.
/// </summary>
public interface IInboxDecider
{
    /// <summary>
    /// What <paramref name="item"/> changes. <paramref name="loadChannel"/> reads a channel's committed state inside
    /// the same transaction (for a channel the decider does not hold yet). Must not throw: a failure is a verdict.
    /// </summary>
    InboxVerdict Decide(InboxItem item, Func<ChannelRef, ChannelSnapshot> loadChannel);

    /// <summary>The verdicts given since the last <see cref="Committed"/> were rolled back: forget what they changed.</summary>
    void Forget();

    /// <summary>The verdicts given since the last call are committed.</summary>
    void Committed();
}
