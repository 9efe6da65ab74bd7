namespace Postmortem.Storage;

/// <summary>Settings of <see cref="SqlitePostmortemStore"/>: a Microsoft.Data.Sqlite connection string naming a file.</summary>
public sealed record SqliteStoreOptions(string ConnectionString)
{
    /// <summary>
    /// How often committed pages are copied from the WAL into the database file, in the background, while writes come
    /// in. Short on purpose: each pass then has less to copy and sync, so the requests it slows are slowed less. At one
    /// connection (bench/slack-ack, session 8, interleaved rounds) the p99 was 0.79–0.97 ms at 10 ms against
    /// 0.98–2.00 ms at 100 ms; 5 ms gained nothing more and cost 10 % more CPU per request at 32 connections.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How often while requests queue up for each commit (two or more rows a commit on average): the machine is busy
    /// then, and fewer, larger passes cost less CPU per request (at 32 connections 10 ms cost 10 % more than 100 ms).
    /// </summary>
    public TimeSpan BusyCheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
