using System.Collections.Concurrent;

namespace Postmortem.Slack.Outbound;

/// <summary>
/// Keeps posts to one channel at least <see cref="Interval"/> apart (Slack allows about one message per second per
/// channel). Time comes from <see cref="TimeProvider"/>; the wait itself is injectable so tests never sleep.
/// </summary>
public sealed class SlackChannelPacer(TimeProvider time, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextFree = new(StringComparer.Ordinal);
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? ((wait, ct) => Task.Delay(wait, time, ct));

    /// <summary>Waits until the channel may take another message, and books the next slot.</summary>
    public Task WaitTurnAsync(string channelId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var slot = _nextFree.AddOrUpdate(
            channelId,
            _ => now + Interval,
            (_, next) => (next > now ? next : now) + Interval) - Interval;
        var wait = slot - now;
        return wait > TimeSpan.Zero ? _delay(wait, ct) : Task.CompletedTask;
    }
}
