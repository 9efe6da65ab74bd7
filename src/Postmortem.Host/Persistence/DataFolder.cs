using System.Data.Common;
using Postmortem.Storage;

namespace Postmortem.Host.Persistence;

/// <summary>The folder beside the SQLite database where the host keeps its small files (default <c>./data</c>).</summary>
internal static class DataFolder
{
    public static string Resolve(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
            {
                if (builder.TryGetValue(key, out var value) && value is string path && path.Length > 0
                    && path != ":memory:" && !path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                {
                    return Path.GetDirectoryName(Path.GetFullPath(path)) ?? "data";
                }
            }
        }

        return "data";
    }
}
