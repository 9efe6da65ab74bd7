using Serilog;
using Serilog.Events;

namespace Postmortem.Host.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// Serilog to the console: structured properties (tenant, channel, session, event ids), never message bodies or
    /// secrets at Information. Levels can be changed under the <c>Serilog</c> configuration section.
    /// </summary>
    /// <remarks>
    /// ASP.NET Core's hosting diagnostics are silenced altogether (above Fatal): while that logger is enabled at any
    /// level, every request starts an <c>Activity</c> and a logging scope (request id, path, trace id), a tenth of
    /// what acknowledging an event allocates, only to decorate log lines that already name their event, channel and
    /// tenant. <c>Serilog__MinimumLevel__Override__Microsoft.AspNetCore.Hosting.Diagnostics=Warning</c> brings them back.
    /// </remarks>
    public static IServiceCollection AddStructuredLogging(this IServiceCollection services)
    {
        services.AddSerilog(
            (provider, logger) => logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Fatal + 1)
                .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
                .Enrich.FromLogContext()
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        return services;
    }
}
