using Microsoft.Extensions.Options;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>
/// Takes events from the inbox in order, asks the <see cref="Facilitator"/> what to do, and commits the new state
/// with its actions in one transaction. A facilitator failure marks that one event failed; processing goes on.
/// </summary>
public sealed partial class InboxProcessor(
    IPostmortemStore store,
    Facilitator facilitator,
    ProcessingSignals signals,
    IOptions<ProcessingOptions> options,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private const int MaxStoreFailures = 3;

    private readonly Dictionary<string, CachedChannel> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _storeFailures = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signals.Inbox.RunAsync(DrainAsync, OnPassFailed, options.Value.PollInterval, stoppingToken);

    /// <summary>Nothing of the failed pass may be trusted in the cache: the next pass reloads from the store.</summary>
    private void OnPassFailed(Exception exception)
    {
        _cache.Clear();
        LogPassFailed(exception);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var items = await store.PendingInboxAsync(BatchSize, cancellationToken).ConfigureAwait(false);
            if (items.Count == 0)
            {
                return;
            }

            await ProcessBatchAsync(items, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Decides the items in order against the cached state and commits all decisions in one transaction. Each
    /// decision sees the state the previous ones left; if the commit fails nothing was stored, so the cache is
    /// dropped and the items are taken one by one (which isolates a bad one).
    /// </summary>
    private async Task ProcessBatchAsync(IReadOnlyList<InboxItem> items, CancellationToken cancellationToken)
    {
        var decided = new List<(InboxItem Item, Decision Decision)>(items.Count);
        foreach (var item in items)
        {
            var chatEvent = item.Event;
            var cached = await GetChannelAsync(chatEvent, cancellationToken).ConfigureAwait(false);
            Decision decision;
            try
            {
                decision = facilitator.Decide(new ChannelState(cached.Session, cached.Timeline), chatEvent);
            }
            catch (Exception)
            {
                // Commit what was decided before it, then let the one-by-one path mark this item failed.
                await CommitBatchAsync(decided, cancellationToken).ConfigureAwait(false);
                decided.Clear();
                await ProcessAsync(item, cancellationToken).ConfigureAwait(false);
                continue;
            }

            cached.Timeline.Apply(decision.TimelineChanges);
            _cache[chatEvent.Channel.Key] = cached with { Session = decision.Session };
            decided.Add((item, decision));
        }

        await CommitBatchAsync(decided, cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitBatchAsync(List<(InboxItem Item, Decision Decision)> decided, CancellationToken cancellationToken)
    {
        if (decided.Count == 0)
        {
            return;
        }

        int committed;
        try
        {
            committed = await store.CommitManyAsync(decided, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _cache.Clear();
            LogBatchFailed(ex, decided.Count);
            foreach (var (item, _) in decided)
            {
                await ProcessAsync(item, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (committed != decided.Count)
        {
            // Some item had been processed elsewhere: the cached state may hold a decision that was not stored.
            _cache.Clear();
        }

        foreach (var (item, decision) in decided)
        {
            var chatEvent = item.Event;
            LogProcessed(KindOf(chatEvent), chatEvent.EventId, chatEvent.Channel.Key, decision.Session?.Id, decision.TimelineChanges.Count, decision.Actions.Count);
        }

        if (decided.Exists(d => d.Decision.Actions.Count > 0))
        {
            signals.Outbox.Poke();
        }
    }

    private async Task ProcessAsync(InboxItem item, CancellationToken cancellationToken)
    {
        var chatEvent = item.Event;
        var channelKey = chatEvent.Channel.Key;
        var cached = await GetChannelAsync(chatEvent, cancellationToken).ConfigureAwait(false);

        Decision decision;
        try
        {
            decision = facilitator.Decide(new ChannelState(cached.Session, cached.Timeline), chatEvent);
        }
        catch (Exception ex)
        {
            LogDecisionFailed(ex, KindOf(chatEvent), chatEvent.EventId, channelKey, item.Sequence);
            _cache.Remove(channelKey);
            await store.MarkInboxFailedAsync(item, ex.GetType().Name + ": " + ex.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await store.CommitAsync(item, decision, cancellationToken).ConfigureAwait(false);
            _storeFailures.Remove(item.Sequence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _cache.Remove(channelKey);
            var failures = _storeFailures.GetValueOrDefault(item.Sequence) + 1;
            _storeFailures[item.Sequence] = failures;
            if (failures < MaxStoreFailures)
            {
                throw;
            }

            _storeFailures.Remove(item.Sequence);
            LogCommitGaveUp(ex, KindOf(chatEvent), chatEvent.EventId, channelKey, failures);
            await store.MarkInboxFailedAsync(item, ex.GetType().Name + ": " + ex.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        cached.Timeline.Apply(decision.TimelineChanges);
        _cache[channelKey] = cached with { Session = decision.Session };

        LogProcessed(KindOf(chatEvent), chatEvent.EventId, channelKey, decision.Session?.Id, decision.TimelineChanges.Count, decision.Actions.Count);
        if (decision.Actions.Count > 0)
        {
            signals.Outbox.Poke();
        }
    }

    private async Task<CachedChannel> GetChannelAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        var key = chatEvent.Channel.Key;
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var snapshot = await store.LoadChannelAsync(chatEvent.Channel, cancellationToken).ConfigureAwait(false);
        if (_cache.Count >= options.Value.CachedChannels)
        {
            _cache.Clear();
        }

        cached = new CachedChannel(snapshot.Session, new ChannelTimeline(snapshot.Messages));
        _cache[key] = cached;
        return cached;
    }

    private static string KindOf(ChatEvent chatEvent) => chatEvent.GetType().Name;

    [LoggerMessage(LogLevel.Debug, "Processed {EventKind} {ChatEventId} in {Channel} (session {SessionId}): {TimelineChanges} timeline changes, {Actions} actions")]
    private partial void LogProcessed(string eventKind, string chatEventId, string channel, string? sessionId, int timelineChanges, int actions);

    [LoggerMessage(LogLevel.Error, "The facilitator failed on {EventKind} {ChatEventId} in {Channel} (inbox #{Sequence}); the event is marked failed")]
    private partial void LogDecisionFailed(Exception exception, string eventKind, string chatEventId, string channel, long sequence);

    [LoggerMessage(LogLevel.Error, "Could not commit {EventKind} {ChatEventId} in {Channel} after {Failures} tries; the event is marked failed")]
    private partial void LogCommitGaveUp(Exception exception, string eventKind, string chatEventId, string channel, int failures);

    [LoggerMessage(LogLevel.Warning, "Committing a batch of {Count} decisions failed; deciding them again one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Error, "An inbox pass failed; retrying on the next poll")]
    private partial void LogPassFailed(Exception exception);

    private sealed record CachedChannel(PostmortemSession? Session, ChannelTimeline Timeline);
}
