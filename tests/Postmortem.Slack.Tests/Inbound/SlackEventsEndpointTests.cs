using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.Tests.Payloads;

namespace Postmortem.Slack.Tests.Inbound;

public sealed class SlackEventsEndpointTests : IAsyncLifetime
{
    private const string Secret = "endpoint-test-secret";
    private const int MaxBodyBytes = 4096;
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero));
    private readonly InMemorySlackEventSink _sink = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = Secret,
            ["Slack:BotUserId"] = "UBOT",
            ["Slack:MaxBodyBytes"] = MaxBodyBytes.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<ISlackEventSink>(_sink);
        builder.Services.AddSlackInbound(builder.Configuration);
        _app = builder.Build();
        _app.Urls.Add("http://127.0.0.1:0");
        _app.MapSlackEvents();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(
        byte[] body, string contentType, string? signature = null, string? timestamp = null, int? retry = null)
    {
        timestamp ??= _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events") { Content = content };
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, signature ?? SlackSignatureVerifier.Sign(Secret, timestamp, body));
        if (retry is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task Signed_event_is_stored_and_acknowledged_with_an_empty_body()
    {
        using var response = await PostAsync(Payload.Bytes("message_plain.json"), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("EvPLAIN1", Assert.IsType<MessagePosted>(Assert.Single(_sink.Stored)).EventId);
    }

    [Fact]
    public async Task Retried_event_is_stored_once()
    {
        var body = Payload.Bytes("message_plain.json");

        using var first = await PostAsync(body, Json);
        using var retry = await PostAsync(body, Json, retry: 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, _sink.Attempts);
        Assert.Single(_sink.Stored);
    }

    [Fact]
    public async Task Forged_signature_is_refused_and_nothing_is_stored()
    {
        var body = Payload.Bytes("message_plain.json");
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(body, Json, SlackSignatureVerifier.Sign("guessed-secret", timestamp, body), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signature mismatch", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Replayed_request_with_an_old_timestamp_is_refused()
    {
        var body = Payload.Bytes("message_plain.json");
        var old = _time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(body, Json, timestamp: old);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Request_without_signature_headers_is_refused()
    {
        using var content = new ByteArrayContent(Payload.Bytes("message_plain.json"));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);

        using var response = await _http.PostAsync("/slack/events", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Oversized_body_is_refused_with_413_and_nothing_is_stored()
    {
        var body = Encoding.UTF8.GetBytes("{\"type\":\"event_callback\",\"pad\":\"" + new string('x', MaxBodyBytes) + "\"}");

        using var response = await PostAsync(body, Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Oversized_chunked_body_is_refused_with_413()
    {
        var body = new byte[MaxBodyBytes + 1];
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events")
        {
            Content = new StreamContent(new MemoryStream(body)),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(Secret, timestamp, body));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_400()
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes("{\"type\":\"event_callback\","), Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge_as_json()
    {
        using var response = await PostAsync(Payload.Bytes("url_verification.json"), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("chal-7f3a9c", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Ignored_event_is_acknowledged_without_storing()
    {
        using var response = await PostAsync(Payload.Bytes("unknown_event.json"), Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _sink.Attempts);
    }

    [Fact]
    public async Task Slash_command_is_stored_and_acknowledged_with_an_empty_body()
    {
        using var response = await PostAsync(Payload.Bytes("slash_command.txt"), Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var command = Assert.IsType<CommandInvoked>(Assert.Single(_sink.Stored));
        Assert.Equal("start Checkout & payments sev:SEV2 since:3h", command.Text);
    }

    [Fact]
    public async Task Slash_command_answered_at_once_gets_its_answer_in_the_200_body()
    {
        _sink.Answer = command => new PostEphemeral
        {
            Key = "answer",
            Channel = command.Channel,
            UserId = command.User.Id,
            Content = new MessageContent("Postmortem *started* for <#C1>"),
        };

        using var response = await PostAsync(Payload.Bytes("slash_command.txt"), Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("started", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        var section = Assert.Single(json.RootElement.GetProperty("blocks").EnumerateArray());
        Assert.Equal("section", section.GetProperty("type").GetString());
        Assert.Single(_sink.Stored);
    }

    [Fact]
    public async Task Answer_for_another_user_or_a_thread_is_not_carried_in_the_200_body()
    {
        var parsed = new SlackInboundParser(TestSlackOptions.Create(), _time).Parse(Form, Payload.Bytes("slash_command.txt"));
        var command = Assert.IsType<CommandInvoked>(Assert.Single(Assert.IsType<SlackInbound.Events>(parsed).Items));
        var mine = new PostEphemeral { Key = "a", Channel = command.Channel, UserId = command.User.Id, Content = new MessageContent("ok") };
        var tooLong = new MessageContent(string.Join("\n\n", Enumerable.Range(0, 60).Select(i => new string('x', 2900))));

        Assert.True(SlackCommandReply.TryRender(command, mine, out _));
        Assert.False(SlackCommandReply.TryRender(command, mine with { UserId = "U0SOMEONE" }, out _));
        Assert.False(SlackCommandReply.TryRender(command, mine with { ThreadId = "1700000000.000100" }, out _));
        Assert.False(SlackCommandReply.TryRender(command, mine with { Channel = command.Channel with { ChannelId = "C0ELSEWHERE" } }, out _));
        Assert.False(SlackCommandReply.TryRender(command, mine with { Content = tooLong }, out _));
        Assert.False(SlackCommandReply.TryRender(command, new PostMessage { Key = "b", Channel = command.Channel, Content = new MessageContent("ok") }, out _));
    }

    [Fact]
    public async Task Slash_command_the_inbox_could_not_store_gets_an_ephemeral_apology()
    {
        _sink.Fail = true;

        using var response = await PostAsync(Payload.Bytes("slash_command.txt"), Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Event_the_inbox_could_not_store_gets_500_so_slack_retries()
    {
        _sink.Fail = true;

        using var response = await PostAsync(Payload.Bytes("message_plain.json"), Json);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Interactivity_payload_stores_each_button_press()
    {
        using var response = await PostAsync(Payload.InteractivityForm("block_actions.json"), Form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["7001.8002.abc123:item.confirm", "7001.8002.abc123:postmortem.render"],
            _sink.Stored.OfType<ButtonPressed>().Select(b => b.EventId).Order(StringComparer.Ordinal));
    }
}
