namespace Postmortem.Storage;

/// <summary>Settings of <see cref="SqlitePostmortemStore"/>: a Microsoft.Data.Sqlite connection string naming a file.</summary>
public sealed record SqliteStoreOptions(string ConnectionString)
{
    /// <summary>How often committed pages are copied from the WAL into the database file, in the background.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
