using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Logging;

public class RequestDiagnosticsTests
{
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public async Task Requests_carry_no_hosting_scope_unless_configured()
    {
        await using var host = await HostFixture.StartAsync();

        // ASP.NET Core starts an Activity and a scope for every request only while this logger is enabled at any level.
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingDiagnostics);

        Assert.False(logger.IsEnabled(LogLevel.Critical));
        Assert.True(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Postmortem.Host").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task Hosting_diagnostics_come_back_when_configured()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?>
        {
            [$"Serilog:MinimumLevel:Override:{HostingDiagnostics}"] = "Warning",
        });

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(HostingDiagnostics);

        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.False(logger.IsEnabled(LogLevel.Information));
    }
}
