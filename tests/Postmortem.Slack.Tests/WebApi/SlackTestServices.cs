using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Postmortem.Core.Events;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.Outbound;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.WebApi;

/// <summary>The outbound half wired as the Host wires it (AddSlackOutbound), pointed at a <see cref="FakeSlackApi"/>.</summary>
internal static class SlackTestServices
{
    public const string Token = "xoxb-test-token";

    public static ServiceProvider Build(FakeSlackApi api, RecordingBackfillSink? sink = null, TimeProvider? time = null, string? botUserId = null, int retries = 3, SlackChannelPacer? pacer = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:ApiBaseUrl"] = api.ApiBaseUrl,
            ["Slack:BotToken"] = Token,
            ["Slack:BotUserId"] = botUserId,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton(new SlackRetrySettings(MaxRetryAttempts: retries, BaseDelay: TimeSpan.FromMilliseconds(5)));
        // Pacing is tested on its own; here it never waits.
        services.AddSingleton(pacer ?? new SlackChannelPacer(TimeProvider.System, (_, _) => Task.CompletedTask));
        services.AddSingleton<ISlackBackfillSink>(sink ?? new RecordingBackfillSink());
        services.AddSlackOutbound(configuration);
        return services.BuildServiceProvider();
    }
}

/// <summary>Keeps what the backfill hands over, in order.</summary>
internal sealed class RecordingBackfillSink : ISlackBackfillSink
{
    private readonly List<ChatEvent> _events = [];

    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    public Task AcceptAsync(ChatEvent e, CancellationToken ct)
    {
        lock (_events)
        {
            _events.Add(e);
        }

        return Task.CompletedTask;
    }
}
