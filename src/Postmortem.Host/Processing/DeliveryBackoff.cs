namespace Postmortem.Host.Processing;

/// <summary>When to try a failed delivery again: exponential, with jitter, or what the platform asked for.</summary>
public static class DeliveryBackoff
{
    /// <param name="attempt">The attempt that just failed, 1 for the first.</param>
    /// <param name="jitter">A number in [0, 1); spreads retries of many actions apart.</param>
    public static TimeSpan Delay(int attempt, TimeSpan? retryAfter, ProcessingOptions options, double jitter)
    {
        if (retryAfter is { } asked && asked > TimeSpan.Zero)
        {
            return asked;
        }

        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ticks = Math.Min(options.RetryBaseDelay.Ticks * Math.Pow(2, exponent), options.RetryMaxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (0.8 + (0.4 * jitter))));
    }
}
