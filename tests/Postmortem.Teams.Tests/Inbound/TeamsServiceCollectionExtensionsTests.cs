using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Postmortem.Teams.Auth;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Tests.Inbound;

public sealed class TeamsServiceCollectionExtensionsTests
{
    [Fact]
    public void Options_default_to_Microsofts_endpoints_and_a_256_KiB_cap()
    {
        var options = Resolve(new Dictionary<string, string?> { ["Teams:TenantId"] = "contoso-tenant" })
            .GetRequiredService<IOptions<TeamsOptions>>().Value;

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", options.OpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token", options.TokenEndpoint);
        Assert.Equal(256 * 1024, options.MaxBodyBytes);
        Assert.Null(options.AppId);
    }

    [Fact]
    public void Configured_values_are_bound_from_the_Teams_section()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Teams:AppId"] = "app",
            ["Teams:AppPassword"] = "secret",
            ["Teams:TokenEndpoint"] = "http://127.0.0.1:9/token",
            ["Teams:AllowedServiceUrlHosts"] = "127.0.0.1",
            ["Teams:MaxBodyBytes"] = "1000",
        }).GetRequiredService<IOptions<TeamsOptions>>().Value;

        Assert.Equal("app", options.AppId);
        Assert.Equal("secret", options.AppPassword);
        Assert.Equal("http://127.0.0.1:9/token", options.TokenEndpoint);
        Assert.Equal("127.0.0.1", options.AllowedServiceUrlHosts);
        Assert.Equal(1000, options.MaxBodyBytes);
    }

    [Fact]
    public void Inbound_services_are_registered_and_a_hosts_own_store_is_kept()
    {
        var hostStore = new InMemoryServiceUrlStore();
        using var services = Resolve([], s => s.AddSingleton<IServiceUrlStore>(hostStore));

        Assert.NotNull(services.GetRequiredService<BotFrameworkTokenValidator>());
        Assert.NotNull(services.GetRequiredService<TeamsActivityParser>());
        Assert.NotNull(services.GetRequiredService<ServiceUrlPolicy>());
        Assert.IsType<DefaultTeamsInvokeResponder>(services.GetRequiredService<ITeamsInvokeResponder>());
        Assert.Same(hostStore, services.GetRequiredService<IServiceUrlStore>());
    }

    [Fact]
    public void OpenId_client_has_the_standard_resilience_handler()
    {
        using var services = Resolve([]);

        var factoryOptions = services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>()
            .Get(BotFrameworkTokenValidator.HttpClientName);

        Assert.NotEmpty(factoryOptions.HttpMessageHandlerBuilderActions);
        Assert.NotNull(services.GetRequiredService<IHttpClientFactory>().CreateClient(BotFrameworkTokenValidator.HttpClientName));
    }

    private static ServiceProvider Resolve(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        configure?.Invoke(collection);
        collection.AddTeamsInbound(configuration);
        return collection.BuildServiceProvider();
    }
}
