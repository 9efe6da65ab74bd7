using Postmortem.Host.Persistence;
using Postmortem.Host.Processing;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.Outbound;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Outbound;

namespace Postmortem.Host.Adapters;

public static class AdapterServiceCollectionExtensions
{
    /// <summary>The Slack and Teams adapters; each is inert until its credentials are configured.</summary>
    public static IServiceCollection AddChatAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InboxSink>();
        services.AddSingleton<ISlackEventSink>(sp => sp.GetRequiredService<InboxSink>());
        services.AddSingleton<ITeamsEventSink, TeamsInboxSink>();
        services.AddSingleton<IServiceUrlStore>(sp =>
            new FileServiceUrlStore(Path.Combine(DataFolder.Resolve(sp.GetRequiredService<IConfiguration>()), "teams-service-urls.json")));
        services.AddSingleton<ITeamsInvokeResponder, TeamsItemCardResponder>();
        services.AddSingleton<ISlackBackfillSink>(sp => sp.GetRequiredService<InboxSink>());
        services.AddSlackInbound(configuration);
        services.AddSlackOutbound(configuration);
        services.AddSingleton<IChatPlatform, SlackChatPlatform>();
        services.AddTeamsInbound(configuration);
        services.AddTeamsOutbound(configuration);
        services.AddSingleton<IChatPlatform, TeamsChatPlatform>();
        return services;
    }

    /// <summary><c>POST /slack/events</c> (events, slash commands, interactivity) and <c>POST /api/messages</c> (Teams).</summary>
    public static WebApplication MapChatAdapters(this WebApplication app)
    {
        app.MapSlackEvents();
        app.MapTeamsMessages();
        return app;
    }
}
