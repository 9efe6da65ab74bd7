using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Postmortem.Teams.Auth;
using Postmortem.Teams.Cards;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Outbound;

/// <summary>Registers the outbound half of the Teams adapter.</summary>
public static class TeamsOutboundServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TeamsOptions"/> and <see cref="TeamsOutboundOptions"/> to the "Teams" section and registers
    /// the token provider ("teams-token" HttpClient), the connector client ("teams-connector" HttpClient: no redirects,
    /// retries of 429/412/502/503/504 with jittered backoff honouring Retry-After), the send limiter, the card renderer,
    /// <see cref="TeamsUserNames"/> and <see cref="TeamsPlatformSender"/>, plus the serviceUrl policy and an in-memory
    /// <see cref="IServiceUrlStore"/> unless registered already.
    /// </summary>
    public static IServiceCollection AddTeamsOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TeamsOptions.SectionName);
        services.AddOptions<TeamsOptions>().Bind(section);
        services.AddOptions<TeamsOutboundOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<IServiceUrlStore, InMemoryServiceUrlStore>();

        services.AddHttpClient(BotTokenProvider.HttpClientName).AddStandardResilienceHandler();
        services.AddHttpClient(ConnectorClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler(ConnectorClient.HttpClientName, pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(TeamsRetry.ShouldRetry(args.Outcome)),
            }));

        services.TryAddSingleton<BotTokenProvider>();
        services.TryAddSingleton<ConversationSendLimiter>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<TeamsUserNames>();
        services.TryAddSingleton<TeamsCardRenderer>();
        services.TryAddSingleton<TeamsPlatformSender>();
        return services;
    }
}
