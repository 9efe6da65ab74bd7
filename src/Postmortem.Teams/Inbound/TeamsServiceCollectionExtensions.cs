using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Postmortem.Teams.Auth;

namespace Postmortem.Teams.Inbound;

/// <summary>Registers the inbound half of the Teams adapter.</summary>
public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TeamsOptions"/> to the "Teams" section and registers the token validator (with the
    /// "teams-openid" HttpClient), the serviceUrl policy, the parser, an in-memory <see cref="IServiceUrlStore"/> and
    /// the default <see cref="ITeamsInvokeResponder"/> unless others were registered first. The caller registers an
    /// <see cref="ITeamsEventSink"/> and maps <see cref="TeamsMessagesEndpoint.MapTeamsMessages"/>.
    /// </summary>
    public static IServiceCollection AddTeamsInbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(BotFrameworkTokenValidator.HttpClientName).AddStandardResilienceHandler();
        services.TryAddSingleton<BotFrameworkTokenValidator>();
        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<TeamsActivityParser>();
        services.TryAddSingleton<IServiceUrlStore, InMemoryServiceUrlStore>();
        services.TryAddSingleton<ITeamsInvokeResponder, DefaultTeamsInvokeResponder>();
        return services;
    }
}
