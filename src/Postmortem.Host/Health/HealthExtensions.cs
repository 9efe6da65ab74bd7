using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Postmortem.Host.Health;

public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: [ReadyTag]);
        return services;
    }

    /// <summary><c>/healthz</c> (the process is alive) and <c>/readyz</c> (storage reachable, migrations applied).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
