namespace Postmortem.Storage;

/// <summary>Diagnostics counts of the store (for benchmarks and local checks).</summary>
/// <param name="InboxByType">Inbox rows, processed or not, per event type discriminator (<c>message_posted</c>, <c>command_invoked</c>, …).</param>
/// <param name="InboxPending">Inbox rows not yet processed and not failed.</param>
/// <param name="OutboxPending">Actions neither delivered nor given up.</param>
/// <param name="TimelineMessages">Messages in all timelines (posted messages decided as they arrive are only there, not in the inbox).</param>
/// <param name="PostedMessages">Posted messages stored: in a timeline, or in the inbox waiting to be decided.</param>
public sealed record StoreCounts(
    IReadOnlyDictionary<string, long> InboxByType, long InboxPending, long OutboxPending, long TimelineMessages, long PostedMessages);
