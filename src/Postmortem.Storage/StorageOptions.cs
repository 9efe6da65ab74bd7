namespace Postmortem.Storage;

/// <summary>The "Storage" configuration section; the connection string comes from <c>ConnectionStrings:Postmortem</c> when set.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public const string ConnectionStringName = "Postmortem";

    public const string DefaultConnectionString = "Data Source=./data/postmortem.db";

    /// <summary><c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = DefaultConnectionString;
}
