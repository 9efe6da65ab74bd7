namespace Postmortem.Storage;

/// <summary>Settings of <see cref="SqlitePostmortemStore"/>: a Microsoft.Data.Sqlite connection string naming a file.</summary>
public sealed record SqliteStoreOptions(string ConnectionString);
