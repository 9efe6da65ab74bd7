using Postmortem.Storage;

namespace Postmortem.Host.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The store, and its migrations at start-up. Call before anything that starts background work.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPostmortemStorage(configuration);
        services.AddSingleton<StoreMigrator>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreMigrator>());
        return services;
    }
}
