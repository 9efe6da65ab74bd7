using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Postmortem.Storage;

/// <summary>Registers the configured <see cref="IPostmortemStore"/>.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Reads <c>Storage:Provider</c> and <c>ConnectionStrings:Postmortem</c> (falling back to <c>Storage:ConnectionString</c>,
    /// then a SQLite file under <c>./data/</c>), creates the data folder, and registers the store as a singleton.
    /// </summary>
    public static IServiceCollection AddPostmortemStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(StorageOptions.SectionName);
        var options = new StorageOptions();
        if (!string.IsNullOrWhiteSpace(section["Provider"]))
        {
            options.Provider = section["Provider"]!;
        }

        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = section["ConnectionString"];
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            options.ConnectionString = connectionString;
        }

        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Storage provider '{options.Provider}' is not available; set Storage__Provider to 'Sqlite'.");
        }

        SqliteDataDirectory.Ensure(options.ConnectionString);

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new SqliteStoreOptions(options.ConnectionString));
        services.AddSingleton<SqlitePostmortemStore>();
        services.AddSingleton<IPostmortemStore>(provider => provider.GetRequiredService<SqlitePostmortemStore>());
        return services;
    }
}
