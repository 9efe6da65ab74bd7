using Postmortem.Storage;

namespace Postmortem.Host.Persistence;

/// <summary>Applies the storage migrations at start-up, before the background loops start.</summary>
public sealed partial class StoreMigrator(IPostmortemStore store, ILogger<StoreMigrator> logger) : IHostedService
{
    /// <summary>True once the migrations have been applied in this process.</summary>
    public bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        Completed = true;
        LogMigrated();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Storage migrations applied")]
    private partial void LogMigrated();
}
