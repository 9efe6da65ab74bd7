using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.SocketMode;
using Postmortem.Slack.Tests.Inbound;
using Postmortem.Slack.Tests.Payloads;

namespace Postmortem.Slack.Tests.SocketMode;

public sealed class SlackSocketModeClientTests : IAsyncLifetime
{
    private const string AppToken = "test-app-token";
    private const string Hello = """{"type":"hello","num_connections":1,"connection_info":{"app_id":"APM1"}}""";

    private readonly InMemorySlackEventSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private FakeSlackSocketServer _server = null!;
    private ServiceProvider _services = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _server = await FakeSlackSocketServer.StartAsync();
        _services = BuildServices(new Dictionary<string, string?>
        {
            ["Slack:AppToken"] = AppToken,
            ["Slack:ApiBaseUrl"] = _server.ApiBaseUrl,
            ["Slack:BotUserId"] = "UBOT",
        });
        var client = _services.GetRequiredService<SlackSocketModeClient>();
        client.MinReconnectDelay = TimeSpan.FromMilliseconds(10);
        _run = client.RunAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(FakeSlackSocketServer.Timeout);
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _stop.Dispose();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISlackEventSink>(_sink);
        services.AddSlackInbound(configuration);
        return services.BuildServiceProvider();
    }

    private static string Envelope(string envelopeId, string type, string payloadJson) =>
        $$"""{"envelope_id":"{{envelopeId}}","payload":{{payloadJson}},"type":"{{type}}","accepts_response_payload":false}""";

    private static string AckedEnvelopeId(string? ack)
    {
        Assert.NotNull(ack);
        using var json = JsonDocument.Parse(ack);
        return json.RootElement.GetProperty("envelope_id").GetString()!;
    }

    [Fact]
    public async Task Envelope_is_acknowledged_after_its_event_reached_the_sink()
    {
        var connection = await _server.NextConnectionAsync();
        await connection.SendAsync(Hello);

        await connection.SendAsync(Envelope("env-1", "events_api", Payload.Text("message_plain.json")));
        var ack = await connection.ReceiveAsync();

        Assert.Equal("env-1", AckedEnvelopeId(ack));
        Assert.Equal("EvPLAIN1", Assert.IsType<MessagePosted>(Assert.Single(_sink.Stored)).EventId);
        Assert.Equal($"Bearer {AppToken}", _server.LastAuthorization);
    }

    [Fact]
    public async Task Slash_command_and_interactive_envelopes_use_the_same_parser()
    {
        var connection = await _server.NextConnectionAsync();
        await connection.SendAsync(Hello);
        var command = """
            {"token":"t","team_id":"TPM1","channel_id":"CINC1","channel_name":"inc-checkout","user_id":"UALICE",
             "user_name":"alice","command":"/postmortem","text":"status","trigger_id":"9.9.9"}
            """;

        await connection.SendAsync(Envelope("env-cmd", "slash_commands", command));
        Assert.Equal("env-cmd", AckedEnvelopeId(await connection.ReceiveAsync()));
        await connection.SendAsync(Envelope("env-btn", "interactive", Payload.Text("block_actions.json")));
        Assert.Equal("env-btn", AckedEnvelopeId(await connection.ReceiveAsync()));

        Assert.Equal("status", _sink.Stored.OfType<CommandInvoked>().Single().Text);
        Assert.Equal(2, _sink.Stored.OfType<ButtonPressed>().Count());
    }

    [Fact]
    public async Task Envelope_the_sink_could_not_store_is_not_acknowledged()
    {
        _sink.FailingEventIds.Add("EvPLAIN1");
        var connection = await _server.NextConnectionAsync();
        await connection.SendAsync(Hello);

        await connection.SendAsync(Envelope("env-fails", "events_api", Payload.Text("message_plain.json")));
        await connection.SendAsync(Envelope("env-ok", "events_api", Payload.Text("reaction_added.json")));

        Assert.Equal("env-ok", AckedEnvelopeId(await connection.ReceiveAsync()));
        Assert.IsType<ReactionAdded>(Assert.Single(_sink.Stored));
    }

    [Fact]
    public async Task Slash_command_the_sink_could_not_store_is_acknowledged_with_an_apology()
    {
        _sink.Fail = true;
        var connection = await _server.NextConnectionAsync();
        await connection.SendAsync(Hello);

        await connection.SendAsync(Envelope(
            "env-cmd", "slash_commands", """{"team_id":"T1","channel_id":"C1","user_id":"U1","command":"/postmortem","text":"help","trigger_id":"1.2.3"}"""));
        var ack = await connection.ReceiveAsync();

        Assert.Equal("env-cmd", AckedEnvelopeId(ack));
        using var json = JsonDocument.Parse(ack!);
        Assert.Equal("ephemeral", json.RootElement.GetProperty("payload").GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task Malformed_envelope_is_acknowledged_so_it_is_not_redelivered()
    {
        var connection = await _server.NextConnectionAsync();
        await connection.SendAsync(Hello);

        await connection.SendAsync(Envelope("env-bad", "events_api", """{"type":"event_callback","event":{}}"""));

        Assert.Equal("env-bad", AckedEnvelopeId(await connection.ReceiveAsync()));
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Refresh_request_opens_the_new_connection_before_closing_the_old()
    {
        var first = await _server.NextConnectionAsync();
        await first.SendAsync(Hello);
        var firstClosed = first.ReceiveAsync();

        await first.SendAsync("""{"type":"disconnect","reason":"refresh_requested"}""");
        var second = await _server.NextConnectionAsync();
        var closed = await firstClosed;

        Assert.Null(closed);
        var log = _server.Log.ToList();
        Assert.True(log.IndexOf("open 2") < log.IndexOf("closed 1"), string.Join(", ", log));
        await second.SendAsync(Hello);
        await second.SendAsync(Envelope("env-2", "events_api", Payload.Text("message_plain.json")));
        Assert.Equal("env-2", AckedEnvelopeId(await second.ReceiveAsync()));
    }

    [Fact]
    public async Task Dropped_socket_is_reconnected()
    {
        var first = await _server.NextConnectionAsync();
        await first.SendAsync(Hello);

        first.Abort();
        var second = await _server.NextConnectionAsync();
        await second.SendAsync(Hello);
        await second.SendAsync(Envelope("env-after-drop", "events_api", Payload.Text("message_plain.json")));

        Assert.Equal(2, second.Number);
        Assert.Equal("env-after-drop", AckedEnvelopeId(await second.ReceiveAsync()));
    }

    [Fact]
    public void Socket_mode_is_registered_only_when_an_app_token_is_set()
    {
        using var httpOnly = BuildServices(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "s" });

        Assert.Empty(httpOnly.GetServices<IHostedService>());
        Assert.Null(httpOnly.GetService<SlackSocketModeClient>());
        Assert.NotNull(httpOnly.GetService<SlackInboundParser>());
        Assert.NotNull(httpOnly.GetService<SlackSignatureVerifier>());
        Assert.IsType<SlackSocketModeClient>(Assert.Single(_services.GetServices<IHostedService>()));
    }
}
