using Postmortem.Host.Diagnostics;

[assembly: HostingStartup(typeof(DiagnosticsHostingStartup))]

namespace Postmortem.Host.Diagnostics;

/// <summary>
/// Adds the diagnostics endpoints when <c>Diagnostics:Enabled</c> is true. ASP.NET Core runs the application
/// assembly's hosting startup on its own, so Program.cs needs no change; with the setting off nothing is registered.
/// </summary>
public sealed class DiagnosticsHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices((context, services) =>
        {
            var options = context.Configuration.GetSection(DiagnosticsOptions.Section).Get<DiagnosticsOptions>();
            if (options?.Enabled == true)
            {
                services.AddSingleton<IStartupFilter, DiagnosticsStartupFilter>();
            }
        });
}
