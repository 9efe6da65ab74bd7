using System.ComponentModel.DataAnnotations;

namespace Postmortem.Host.Processing;

/// <summary>Settings of the inbox processor and the outbox dispatcher (section <c>Processing</c>).</summary>
public sealed class ProcessingOptions
{
    public const string Section = "Processing";

    /// <summary>How often the loops look for work when nobody pokes them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times an action is tried before it is given up (with an error log).</summary>
    [Range(1, 100)]
    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed delivery; doubled per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many channels' open sessions the inbox processor keeps in memory (timelines are read from the store).</summary>
    [Range(1, 10_000)]
    public int CachedChannels { get; set; } = 64;
}
