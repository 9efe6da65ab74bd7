using Microsoft.Extensions.Diagnostics.HealthChecks;
using Postmortem.Host.Persistence;
using Postmortem.Storage;

namespace Postmortem.Host.Health;

/// <summary>Ready when the store answers and the migrations have been applied.</summary>
public sealed class StoreHealthCheck(IPostmortemStore store, StoreMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy("storage migrations not applied yet");
        }

        try
        {
            return await store.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("storage unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("storage unreachable", ex);
        }
    }
}
