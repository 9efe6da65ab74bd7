using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;

namespace Postmortem.Storage;

/// <summary>
/// Durable state of the bot: the inbox of events, sessions, channel timelines, and the outbox of actions.
/// Everything is scoped by platform and tenant: one workspace never sees another's data.
/// </summary>
public interface IPostmortemStore
{
    /// <summary>Creates or updates the schema; safe to run on an empty database and to run again.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>True when the database answers and every migration is applied (for <c>/readyz</c>). Never throws for a database fault.</summary>
    Task<bool> CanConnectAsync(CancellationToken ct);

    /// <summary>Stores an event, undecided, before it is acknowledged. False when (platform, tenant, event id) was seen before.</summary>
    Task<bool> TryAddToInboxAsync(ChatEvent chatEvent, CancellationToken ct);

    /// <summary>
    /// Stores an event before it is acknowledged and, in the same transaction, what <paramref name="decider"/> made of
    /// it (the session, timeline, outbox and the item marked processed or failed, as <see cref="CommitAsync"/> does).
    /// While older items are still undecided the event is only stored (<see cref="InboxAcceptance.Queued"/>), so that
    /// <see cref="DecidePendingAsync"/> keeps arrival order; likewise when the decision cannot be written. Concurrent
    /// calls are committed together.
    /// </summary>
    Task<InboxAcceptance> AcceptAsync(ChatEvent chatEvent, IInboxDecider decider, CancellationToken ct);

    /// <summary>
    /// As <see cref="AcceptAsync(ChatEvent, IInboxDecider, CancellationToken)"/>; when the event is decided at once, the
    /// first of its actions that <paramref name="carriesReply"/> accepts is not queued in the outbox but returned, for
    /// the caller to send in its acknowledgement (a slash command's answer, say).
    /// </summary>
    Task<InboxReceipt> AcceptAsync(ChatEvent chatEvent, IInboxDecider decider, Func<ChatAction, bool>? carriesReply, CancellationToken ct);

    /// <summary>
    /// Decides up to <paramref name="max"/> undecided items in arrival order and commits them with their verdicts in one
    /// transaction (all or none; the decider is told to forget when it fails). Returns how many were handled; 0 means
    /// none are left, and from then on <see cref="AcceptAsync"/> decides new events as they arrive.
    /// </summary>
    Task<int> DecidePendingAsync(IInboxDecider decider, int max, CancellationToken ct);

    /// <summary>Unprocessed, not failed inbox items in arrival order.</summary>
    Task<IReadOnlyList<InboxItem>> PendingInboxAsync(int max, CancellationToken ct);

    /// <summary>The channel's open session (or null) and its timeline messages, oldest first.</summary>
    Task<ChannelSnapshot> LoadChannelAsync(ChannelRef channel, CancellationToken ct);

    /// <summary>
    /// In one transaction: the session as decided (a channel's previous open session is closed when the decision
    /// has none or another one), timeline upserts and removals, outbox inserts (an action whose (channel, key) is
    /// already in the outbox is ignored), and the inbox item marked processed. Does nothing when the item was
    /// already processed or failed, so committing the same item twice cannot overwrite newer state.
    /// </summary>
    Task CommitAsync(InboxItem item, Decision decision, CancellationToken ct);

    /// <summary>A poison event: kept with its error, and skipped by <see cref="PendingInboxAsync"/> from now on.</summary>
    Task MarkInboxFailedAsync(InboxItem item, string error, CancellationToken ct);

    /// <summary>
    /// Undelivered actions that are due (next attempt at or before <paramref name="now"/>), in insertion order.
    /// Within a channel, an action never overtakes an earlier one that is waiting for a retry (a thread reply
    /// must not go out before its thread root); other channels are not held up.
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> PendingOutboxAsync(DateTimeOffset now, int max, CancellationToken ct);

    /// <summary>Marks an action sent and, when <paramref name="messageId"/> is given, records (channel, action key) → message id.</summary>
    Task MarkDeliveredAsync(OutboxItem item, string? messageId, CancellationToken ct);

    /// <summary>Counts a failed attempt; the action is due again at <paramref name="nextAttemptAt"/>, or never when <paramref name="giveUp"/>.</summary>
    Task MarkDeliveryFailedAsync(OutboxItem item, string error, DateTimeOffset nextAttemptAt, bool giveUp, CancellationToken ct);

    /// <summary>The platform message id of the delivered action with this key in the channel, or null.</summary>
    Task<string?> FindDeliveredMessageIdAsync(ChannelRef channel, string actionKey, CancellationToken ct);

    /// <summary>A session by id, open or not (for <c>GET /postmortems/{id}</c>).</summary>
    Task<PostmortemSession?> FindSessionAsync(string sessionId, CancellationToken ct);

    /// <summary>Diagnostics: inbox rows per event type, pending inbox rows and pending actions. Scans the inbox: not for a request path.</summary>
    Task<StoreCounts> CountAsync(CancellationToken ct);

    /// <summary>Retention: deletes timeline messages posted before <paramref name="olderThan"/> in channels that have no session; returns how many.</summary>
    Task<int> PurgeUnclaimedMessagesAsync(DateTimeOffset olderThan, CancellationToken ct);
}
