using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Outbound;

namespace Postmortem.Teams.Tests.Outbound;

/// <summary>The outbound services as <see cref="TeamsOutboundServiceCollectionExtensions.AddTeamsOutbound"/> registers them, pointed at a loopback connector.</summary>
internal sealed class OutboundTestHost : IAsyncDisposable
{
    public const string TenantId = "0b7c6d2e-1f3a-4c5d-9e8f-123456789abc";
    public const string Channel = "19:incident-42-channel@thread.tacv2";

    private readonly ServiceProvider provider;

    private OutboundTestHost(ServiceProvider provider, LoopbackConnector connector, FakeTimeProvider time)
    {
        this.provider = provider;
        Connector = connector;
        Time = time;
    }

    public LoopbackConnector Connector { get; }

    public FakeTimeProvider Time { get; }

    public ConnectorClient Client => provider.GetRequiredService<ConnectorClient>();

    public TeamsPlatformSender Sender => provider.GetRequiredService<TeamsPlatformSender>();

    public BotTokenProvider Tokens => provider.GetRequiredService<BotTokenProvider>();

    public IServiceUrlStore ServiceUrls => provider.GetRequiredService<IServiceUrlStore>();

    public TeamsUserNames Names => provider.GetRequiredService<TeamsUserNames>();

    public string ServiceUrl => Connector.BaseUrl + "/";

    public static async Task<OutboundTestHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var connector = await LoopbackConnector.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero));
        connector.Clock = time;
        var values = new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "00000000-0000-0000-0000-0000000000aa",
            ["Teams:AppPassword"] = "loopback-secret",
            ["Teams:TokenEndpoint"] = connector.TokenEndpoint,
            ["Teams:AllowedServiceUrlHosts"] = "127.0.0.1",
            ["Teams:PublicBaseUrl"] = "https://pm.example.com",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddTeamsOutbound(configuration);
        var host = new OutboundTestHost(services.BuildServiceProvider(), connector, time);
        await host.ServiceUrls.RememberAsync(TenantId, Channel, host.ServiceUrl, CancellationToken.None);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
