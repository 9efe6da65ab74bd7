using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Outbound;

/// <summary>Registers the outbound half of the Slack adapter.</summary>
public static class SlackOutboundServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SlackOptions"/> and <see cref="SlackOutboundOptions"/> to the "Slack" section, registers the
    /// "slack-api" HttpClient with its retry pipeline, the Web API clients, the backfill and
    /// <see cref="SlackPlatformSender"/>. The caller registers an <see cref="ISlackBackfillSink"/>; a
    /// <see cref="SlackRetrySettings"/> registered before this call replaces the default retries.
    /// </summary>
    public static IServiceCollection AddSlackOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SlackOptions.SectionName);
        services.AddOptions<SlackOptions>().Bind(section);
        services.AddOptions<SlackOutboundOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new SlackRetrySettings());

        services.AddHttpClient(SlackApiTransport.HttpClientName)
            .AddResilienceHandler(SlackResilience.PipelineName, (builder, context) => SlackResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<SlackRetrySettings>(),
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        services.TryAddSingleton<SlackApiTransport>();
        services.TryAddSingleton<SlackWebApi>();
        services.TryAddSingleton(sp => new SlackChannelPacer(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SlackWorkspace>();
        services.TryAddSingleton(sp => new SlackBackfill(
            sp.GetRequiredService<SlackWebApi>(),
            sp.GetRequiredService<ISlackBackfillSink>(),
            sp.GetRequiredService<IOptions<SlackOptions>>(),
            sp.GetRequiredService<SlackWorkspace>()));
        services.TryAddSingleton<SlackPlatformSender>();
        if (!string.IsNullOrEmpty(section[nameof(SlackOptions.BotToken)]))
        {
            services.TryAddSingleton<SlackConnectionCheck>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackConnectionCheck>());
        }

        return services;
    }
}
