namespace Postmortem.Storage;

/// <summary>
/// Decides inbox items for the store, inside the transaction that stores them, so an event and what it caused are
/// committed together. The store calls these members one at a time, under its write lock, in inbox order.
/// </summary>
public interface IInboxDecider
{
    /// <summary>
    /// What <paramref name="item"/> changes. <paramref name="channels"/> reads what is stored, inside the same
    /// transaction. Must not throw: a failure is a verdict.
    /// </summary>
    InboxVerdict Decide(InboxItem item, IChannelReader channels);

    /// <summary>The verdicts given since the last <see cref="Committed"/> were rolled back: forget what they changed.</summary>
    void Forget();

    /// <summary>
    /// The verdicts given since the last call are committed; <paramref name="queuedActions"/>: that commit put actions
    /// into the outbox (not counting a reply the caller carries back itself).
    /// </summary>
    void Committed(bool queuedActions);
}
