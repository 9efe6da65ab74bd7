using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Postmortem.Slack.SocketMode;

namespace Postmortem.Slack.Inbound;

/// <summary>Registers the inbound half of the Slack adapter.</summary>
public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SlackOptions"/> to the "Slack" section and registers the verifier and the parser, plus the
    /// Socket Mode client as a hosted service when <c>Slack:AppToken</c> is set. The caller registers an
    /// <see cref="ISlackEventSink"/> and maps <see cref="SlackEventsEndpoint.MapSlackEvents"/>.
    /// </summary>
    public static IServiceCollection AddSlackInbound(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.SectionName);
        services.AddOptions<SlackOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
            new SlackSignatureVerifier(sp.GetRequiredService<IOptions<SlackOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SlackWorkspace>();
        services.TryAddSingleton(sp => new SlackInboundParser(
            sp.GetRequiredService<IOptions<SlackOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SlackWorkspace>()));

        if (!string.IsNullOrEmpty(section[nameof(SlackOptions.AppToken)]))
        {
            services.AddHttpClient(SlackSocketModeClient.HttpClientName).AddStandardResilienceHandler();
            services.TryAddSingleton<SlackSocketModeClient>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeClient>());
        }

        return services;
    }
}
