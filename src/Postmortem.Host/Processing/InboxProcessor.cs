using Microsoft.Extensions.Options;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>
/// Decides inbox items with the <see cref="Facilitator"/>. Usually that happens while an event is being stored (the store
/// calls <see cref="Decide"/> inside the transaction that holds the event, see <see cref="EventIntake"/>); this service
/// also decides, in arrival order, whatever was stored undecided: a backlog after a restart, or events whose decision
/// could not be written at once. A facilitator failure marks that one event failed; processing goes on.
/// </summary>
/// <remarks>
/// Each channel's open session is cached; its timeline is not (see <see cref="StoredTimeline"/>). The cache is only
/// touched from the <see cref="IInboxDecider"/> members, which the store calls one at a time under its write lock.
/// </remarks>
public sealed partial class InboxProcessor(
    IPostmortemStore store,
    Facilitator facilitator,
    ProcessingSignals signals,
    IOptions<ProcessingOptions> options,
    ILogger<InboxProcessor> logger) : BackgroundService, IInboxDecider
{
    private const int BatchSize = 100;
    private const int MaxStoreFailures = 3;

    /// <summary>Open sessions by (platform, tenant, channel): a tuple key, so a look-up builds no string.</summary>
    private readonly Dictionary<(string Platform, string Tenant, string Channel), PostmortemSession?> _sessions = [];
    private readonly Dictionary<long, int> _storeFailures = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signals.Inbox.RunAsync(DrainAsync, LogPassFailed, options.Value.PollInterval, stoppingToken);

    public InboxVerdict Decide(InboxItem item, IChannelReader channels)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(channels);
        var chatEvent = item.Event;
        var channel = chatEvent.Channel;
        var cacheKey = CacheKey(channel);
        var session = GetSession(channel, cacheKey, channels);

        Decision decision;
        try
        {
            decision = facilitator.Decide(new ChannelState(session, new StoredTimeline(channels, channel)), chatEvent);
        }
        catch (Exception ex)
        {
            LogDecisionFailed(ex, KindOf(chatEvent), chatEvent.EventId, channel.Key, item.Sequence);
            _sessions.Remove(cacheKey);
            return InboxVerdict.Failed(ex.GetType().Name + ": " + ex.Message);
        }

        // The cache holds what is stored (or what this transaction wrote, which is forgotten if it rolls back).
        var sessionChanged = !ReferenceEquals(decision.Session, session);
        _sessions[cacheKey] = decision.Session;
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogProcessed(KindOf(chatEvent), chatEvent.EventId, channel.Key, decision.Session?.Id, decision.TimelineChanges.Count, decision.Actions.Count);
        }

        return InboxVerdict.Decided(decision, sessionChanged);
    }

    /// <summary>Nothing decided since the last commit may be trusted: the next decision reloads from the store.</summary>
    public void Forget()
    {
        _sessions.Clear();
    }

    public void Committed(bool queuedActions)
    {
        if (queuedActions)
        {
            signals.Outbox.Poke();
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int handled;
            try
            {
                handled = await store.DecidePendingAsync(this, BatchSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBatchFailed(ex);
                handled = await DecideOldestAloneAsync(cancellationToken).ConfigureAwait(false);
            }

            if (handled == 0)
            {
                return;
            }
        }
    }

    /// <summary>
    /// After a failed batch: the oldest item on its own. If even that cannot be committed it is tried again on the next
    /// passes and, after <see cref="MaxStoreFailures"/> tries, marked failed so the items behind it can go on.
    /// </summary>
    private async Task<int> DecideOldestAloneAsync(CancellationToken cancellationToken)
    {
        try
        {
            var handled = await store.DecidePendingAsync(this, 1, cancellationToken).ConfigureAwait(false);
            _storeFailures.Clear();
            return handled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var oldest = await store.PendingInboxAsync(1, cancellationToken).ConfigureAwait(false);
            if (oldest.Count == 0)
            {
                throw;
            }

            var item = oldest[0];
            var failures = _storeFailures.GetValueOrDefault(item.Sequence) + 1;
            _storeFailures[item.Sequence] = failures;
            if (failures < MaxStoreFailures)
            {
                throw;
            }

            _storeFailures.Remove(item.Sequence);
            LogCommitGaveUp(ex, KindOf(item.Event), item.Event.EventId, item.Event.Channel.Key, failures);
            await store.MarkInboxFailedAsync(item, ex.GetType().Name + ": " + ex.Message, cancellationToken).ConfigureAwait(false);
            return 1;
        }
    }

    private static (string, string, string) CacheKey(ChannelRef channel) => (channel.Platform, channel.TenantId, channel.ChannelId);

    private PostmortemSession? GetSession(ChannelRef channel, (string, string, string) cacheKey, IChannelReader channels)
    {
        if (_sessions.TryGetValue(cacheKey, out var session))
        {
            return session;
        }

        if (_sessions.Count >= options.Value.CachedChannels)
        {
            _sessions.Clear();
        }

        session = channels.OpenSession(channel);
        _sessions[cacheKey] = session;
        return session;
    }

    private static string KindOf(ChatEvent chatEvent) => chatEvent.GetType().Name;

    [LoggerMessage(LogLevel.Debug, "Processed {EventKind} {ChatEventId} in {Channel} (session {SessionId}): {TimelineChanges} timeline changes, {Actions} actions")]
    private partial void LogProcessed(string eventKind, string chatEventId, string channel, string? sessionId, int timelineChanges, int actions);

    [LoggerMessage(LogLevel.Error, "The facilitator failed on {EventKind} {ChatEventId} in {Channel} (inbox #{Sequence}); the event is marked failed")]
    private partial void LogDecisionFailed(Exception exception, string eventKind, string chatEventId, string channel, long sequence);

    [LoggerMessage(LogLevel.Error, "Could not commit {EventKind} {ChatEventId} in {Channel} after {Failures} tries; the event is marked failed")]
    private partial void LogCommitGaveUp(Exception exception, string eventKind, string chatEventId, string channel, int failures);

    [LoggerMessage(LogLevel.Warning, "Committing a batch of decisions failed; deciding the oldest item on its own")]
    private partial void LogBatchFailed(Exception exception);

    [LoggerMessage(LogLevel.Error, "An inbox pass failed; retrying on the next poll")]
    private partial void LogPassFailed(Exception exception);

}
