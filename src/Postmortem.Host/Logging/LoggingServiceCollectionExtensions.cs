using Serilog;
using Serilog.Events;

namespace Postmortem.Host.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// Serilog to the console: structured properties (tenant, channel, session, event ids), never message bodies or
    /// secrets at Information. Levels can be changed under the <c>Serilog</c> configuration section.
    /// </summary>
    public static IServiceCollection AddStructuredLogging(this IServiceCollection services)
    {
        services.AddSerilog(
            (provider, logger) => logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning)
                .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
                .Enrich.FromLogContext()
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return services;
    }
}
