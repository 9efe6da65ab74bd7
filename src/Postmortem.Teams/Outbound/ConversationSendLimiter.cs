using Microsoft.Extensions.Options;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Keeps the bot under Teams' per-thread send limits: a token bucket per conversation (burst
/// <see cref="TeamsOutboundOptions.SendBurst"/>, refilled at <see cref="TeamsOutboundOptions.SendsPerSecond"/>).
/// The wait goes through an injectable delay so tests need not sleep.
/// </summary>
public sealed class ConversationSendLimiter
{
    private const int MaxConversations = 10_000;

    private readonly TimeProvider time;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly double burst;
    private readonly double perSecond;
    private readonly Dictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public ConversationSendLimiter(IOptions<TeamsOutboundOptions> options, TimeProvider time)
        : this(options.Value, time, (wait, ct) => Task.Delay(wait, time, ct))
    {
    }

    internal ConversationSendLimiter(TeamsOutboundOptions options, TimeProvider time, Func<TimeSpan, CancellationToken, Task> delay)
    {
        this.time = time;
        this.delay = delay;
        burst = Math.Max(1, options.SendBurst);
        perSecond = options.SendsPerSecond > 0 ? options.SendsPerSecond : 1;
    }

    /// <summary>Waits until <paramref name="conversationId"/> may take one more message, and takes it.</summary>
    public async Task WaitTurnAsync(string conversationId, CancellationToken ct)
    {
        var wait = Reserve(conversationId);
        if (wait > TimeSpan.Zero)
        {
            await delay(wait, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a slot now (the bucket may go negative) and says how long to wait before using it.</summary>
    internal TimeSpan Reserve(string conversationId)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!buckets.TryGetValue(conversationId, out var bucket))
            {
                if (buckets.Count >= MaxConversations)
                {
                    Prune(now);
                }

                bucket = new Bucket { Tokens = burst, At = now };
                buckets[conversationId] = bucket;
            }

            var elapsed = Math.Max(0, (now - bucket.At).TotalSeconds);
            bucket.Tokens = Math.Min(burst, bucket.Tokens + (elapsed * perSecond));
            bucket.At = now;
            bucket.Tokens -= 1;
            return bucket.Tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-bucket.Tokens / perSecond);
        }
    }

    /// <summary>Forgets buckets that have refilled completely (they behave like new ones).</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, bucket) in buckets.ToList())
        {
            if (bucket.Tokens + ((now - bucket.At).TotalSeconds * perSecond) >= burst)
            {
                buckets.Remove(key);
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset At { get; set; }
    }
}
