using Microsoft.Extensions.Options;
using Postmortem.Storage;

namespace Postmortem.Host.Capture;

/// <summary>
/// Hourly, deletes captured messages no session claimed that are older than the retention period
/// (with <see cref="CaptureOptions.RetentionDays"/> 0, all of them: nothing is kept until <c>start</c>).
/// </summary>
public sealed partial class RetentionJob(
    IPostmortemStore store,
    TimeProvider time,
    IOptions<CaptureOptions> options,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One purge run; returns how many messages were deleted.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var days = Math.Max(options.Value.RetentionDays, 0);
        try
        {
            var olderThan = time.GetUtcNow().AddDays(-days);
            var purged = await store.PurgeUnclaimedMessagesAsync(olderThan, cancellationToken).ConfigureAwait(false);
            LogPurged(purged, days);
            return purged;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            return 0;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Information, "Retention: purged {Purged} unclaimed messages older than {Days} days")]
    private partial void LogPurged(int purged, int days);

    [LoggerMessage(LogLevel.Error, "Retention purge failed; trying again next hour")]
    private partial void LogFailed(Exception exception);
}
