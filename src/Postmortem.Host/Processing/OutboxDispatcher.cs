using Microsoft.Extensions.Options;
using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>
/// Sends due outbox actions through the <see cref="IChatPlatform"/> of their channel, in order per channel.
/// Failures back off exponentially (or as the platform asks) and are given up with an error log after
/// <see cref="ProcessingOptions.MaxDeliveryAttempts"/>. A post's new message id is fed back as a
/// <see cref="BotMessageDelivered"/> event.
/// </summary>
public sealed partial class OutboxDispatcher(
    IPostmortemStore store,
    EventIntake intake,
    IEnumerable<IChatPlatform> platforms,
    ProcessingSignals signals,
    TimeProvider time,
    IOptions<ProcessingOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private readonly Dictionary<string, IChatPlatform> _platforms =
        platforms.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        signals.Outbox.RunAsync(DrainAsync, LogPassFailed, options.Value.PollInterval, stoppingToken);

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var attempted = true;
        while (attempted)
        {
            attempted = false;
            var items = await store.PendingOutboxAsync(time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
            var failedThisRound = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items.OrderBy(i => i.Id))
            {
                var channelKey = item.Action.Channel.Key;
                // The store holds back actions behind one waiting for a retry; this covers the rest of this batch.
                if (failedThisRound.Contains(channelKey))
                {
                    continue;
                }

                attempted = true;
                if (!await DeliverAsync(item, cancellationToken).ConfigureAwait(false))
                {
                    failedThisRound.Add(channelKey);
                }
            }
        }
    }

    /// <returns>False when the action will be tried again later (its channel waits for it).</returns>
    private async Task<bool> DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var action = item.Action;
        var channelKey = action.Channel.Key;
        var attempt = item.Attempts + 1;
        var kind = action.GetType().Name;

        DeliveryResult result;
        if (!_platforms.TryGetValue(action.Channel.Platform, out var platform))
        {
            result = DeliveryResult.Rejected($"no adapter is configured for platform '{action.Channel.Platform}'");
        }
        else
        {
            try
            {
                result = await platform.DeliverAsync(action, new DeliveryContext(store, action.Channel, attempt), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = DeliveryResult.Failed(ex.GetType().Name + ": " + ex.Message);
            }
        }

        if (result.Succeeded)
        {
            await FeedBackAsync(item, result.MessageId, cancellationToken).ConfigureAwait(false);
            await store.MarkDeliveredAsync(item, result.MessageId, cancellationToken).ConfigureAwait(false);
            LogDelivered(kind, action.Key, channelKey, item.Id, attempt, result.MessageId);
            return true;
        }

        var error = result.Error ?? "unknown error";
        var giveUp = result.Permanent || attempt >= options.Value.MaxDeliveryAttempts;
        var delay = DeliveryBackoff.Delay(attempt, result.RetryAfter, options.Value, Random.Shared.NextDouble());
        await store.MarkDeliveryFailedAsync(item, error, time.GetUtcNow() + delay, giveUp, cancellationToken).ConfigureAwait(false);
        if (giveUp)
        {
            LogGaveUp(kind, action.Key, channelKey, item.Id, attempt, error);
            return true;
        }

        LogWillRetry(kind, action.Key, channelKey, item.Id, attempt, delay, error);
        return false;
    }

    private async Task FeedBackAsync(OutboxItem item, string? messageId, CancellationToken cancellationToken)
    {
        var actionKey = item.Action.PostKey;
        if (actionKey is null || string.IsNullOrEmpty(messageId))
        {
            return;
        }

        var delivered = new BotMessageDelivered
        {
            EventId = $"delivered:{item.Id}",
            Channel = item.Action.Channel,
            OccurredAt = time.GetUtcNow(),
            ActionKey = actionKey,
            MessageId = messageId,
        };
        await intake.AcceptAsync(delivered, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Information, "Delivered {ActionKind} {ActionKey} to {Channel} (outbox #{OutboxId}, attempt {Attempt}) as message {MessageId}")]
    private partial void LogDelivered(string actionKind, string actionKey, string channel, long outboxId, int attempt, string? messageId);

    [LoggerMessage(LogLevel.Warning, "Delivering {ActionKind} {ActionKey} to {Channel} (outbox #{OutboxId}, attempt {Attempt}) failed; retrying in {Delay}: {Error}")]
    private partial void LogWillRetry(string actionKind, string actionKey, string channel, long outboxId, int attempt, TimeSpan delay, string error);

    [LoggerMessage(LogLevel.Error, "Gave up delivering {ActionKind} {ActionKey} to {Channel} (outbox #{OutboxId}) after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(string actionKind, string actionKey, string channel, long outboxId, int attempt, string error);

    [LoggerMessage(LogLevel.Error, "An outbox pass failed; retrying on the next poll")]
    private partial void LogPassFailed(Exception exception);
}
