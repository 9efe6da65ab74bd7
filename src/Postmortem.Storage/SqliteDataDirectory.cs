using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>Creates the folder of a SQLite database file so a first start on a clean machine works.</summary>
internal static class SqliteDataDirectory
{
    public static void Ensure(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource)
            || dataSource == ":memory:"
            || builder.Mode == SqliteOpenMode.Memory
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
