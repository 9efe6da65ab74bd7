using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Slack;

/// <summary>
/// Plays Slack's side against the real host: signs requests exactly as Slack does (v0 HMAC-SHA256 of
/// <c>v0:{timestamp}:{body}</c>, the timestamp from the host's fake clock) and POSTs slash commands, events and
/// interactivity payloads to <c>/slack/events</c>; messages people post go into <see cref="LoopbackSlackApi"/> too.
/// </summary>
public sealed class SlackWorkspace : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret-8f3a";

    /// <summary>The longest any wait for the bot may take (real time).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one look at the pipeline waits before the fake clock is moved on (real time).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly HostFixture _host;
    private readonly LoopbackSlackApi _slack;
    private readonly HttpClient _http;
    private int _events;
    private int _triggers;

    private SlackWorkspace(HostFixture host, LoopbackSlackApi slack)
    {
        _host = host;
        _slack = slack;
        _http = host.CreateClient();
    }

    public HostFixture Host => _host;

    public LoopbackSlackApi Api => _slack;

    /// <summary>
    /// Starts the loopback Slack API, lets <paramref name="seed"/> fill it (channels, users, history), then starts the
    /// real host pointed at it, with <paramref name="settings"/> on top.
    /// </summary>
    public static async Task<SlackWorkspace> StartAsync(Action<LoopbackSlackApi> seed, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var slack = await LoopbackSlackApi.StartAsync();
        try
        {
            seed(slack);
            var all = Settings(slack);
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            var host = await HostFixture.StartAsync(all);
            slack.Clock = host.Time;
            return new SlackWorkspace(host, slack);
        }
        catch
        {
            await slack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host settings that point the Slack adapter at <paramref name="slack"/>.</summary>
    public static Dictionary<string, string?> Settings(LoopbackSlackApi slack) => new()
    {
        ["Slack:SigningSecret"] = SigningSecret,
        ["Slack:BotToken"] = LoopbackSlackApi.BotToken,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        ["Slack:BotUserId"] = LoopbackSlackApi.BotUserId,
    };

    /// <summary>Sends <c>/postmortem {text}</c> as Slack's slash-command form body.</summary>
    public Task<HttpResponseMessage> SlashCommandAsync(string channel, string channelName, string userId, string userName, string text)
    {
        var trigger = Interlocked.Increment(ref _triggers).ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["token"] = "legacy-verification-token",
            ["team_id"] = LoopbackSlackApi.TeamId,
            ["team_domain"] = "test-workspace",
            ["channel_id"] = channel,
            ["channel_name"] = channelName,
            ["user_id"] = userId,
            ["user_name"] = userName,
            ["command"] = "/postmortem",
            ["text"] = text,
            ["api_app_id"] = LoopbackSlackApi.AppId,
            ["is_enterprise_install"] = "false",
            ["response_url"] = $"https://hooks.slack.com/commands/{LoopbackSlackApi.TeamId}/1000{trigger}/testresponse",
            ["trigger_id"] = $"1000{trigger}.2000.test{trigger}",
        };
        return PostFormAsync(fields);
    }

    /// <summary>A person posts in the channel (or a thread): the message goes into Slack, then its event to the host.</summary>
    public async Task<LoopbackMessage> SayAsync(string channel, string userId, string text, string? threadTs = null)
    {
        var message = _slack.Post(channel, userId, text, threadTs);
        var ev = new JsonObject
        {
            ["client_msg_id"] = Guid.NewGuid().ToString(),
            ["type"] = "message",
            ["text"] = text,
            ["user"] = userId,
            ["ts"] = message.Ts,
            ["team"] = LoopbackSlackApi.TeamId,
        };
        if (threadTs is not null)
        {
            ev["thread_ts"] = threadTs;
            ev["parent_user_id"] = message.ParentUserId ?? LoopbackSlackApi.BotUserId;
        }

        ev["channel"] = channel;
        ev["event_ts"] = message.Ts;
        ev["channel_type"] = "channel";
        await AssertOkAsync(await SendEventAsync(ev));
        return message;
    }

    /// <summary>
    /// A person posts <c>@Postmortem {text}</c> in a thread: as Slack does, the host gets the <c>message</c> event and
    /// then an <c>app_mention</c> event for the same message, under its own event id.
    /// </summary>
    public async Task<LoopbackMessage> MentionAsync(string channel, string userId, string text, string threadTs)
    {
        var message = await SayAsync(channel, userId, $"<@{LoopbackSlackApi.BotUserId}> {text}", threadTs);
        var mention = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = userId,
            ["text"] = message.Text,
            ["ts"] = message.Ts,
            ["thread_ts"] = threadTs,
            ["team"] = LoopbackSlackApi.TeamId,
            ["channel"] = channel,
            ["event_ts"] = message.Ts,
        };
        await AssertOkAsync(await SendEventAsync(mention));
        return message;
    }

    /// <summary>Sends <c>reaction_added</c> (<paramref name="name"/> without colons) on the message <paramref name="itemTs"/>.</summary>
    public Task<HttpResponseMessage> ReactAsync(string channel, string userId, string name, string itemTs) =>
        SendEventAsync(new JsonObject
        {
            ["type"] = "reaction_added",
            ["user"] = userId,
            ["item"] = new JsonObject { ["type"] = "message", ["channel"] = channel, ["ts"] = itemTs },
            ["reaction"] = name,
            ["item_user"] = LoopbackSlackApi.BotUserId,
            ["event_ts"] = NowTs(),
        });

    /// <summary>Presses a button under the bot's message <paramref name="messageTs"/>: a <c>block_actions</c> payload form.</summary>
    public Task<HttpResponseMessage> PressAsync(string channel, string channelName, string userId, string userName, string messageTs, string actionId, string value)
    {
        var trigger = Interlocked.Increment(ref _triggers).ToString(CultureInfo.InvariantCulture);
        var message = _slack.Messages(channel).Single(m => m.Ts == messageTs);
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = userName, ["name"] = userName, ["team_id"] = LoopbackSlackApi.TeamId },
            ["api_app_id"] = LoopbackSlackApi.AppId,
            ["token"] = "legacy-verification-token",
            ["container"] = new JsonObject
            {
                ["type"] = "message",
                ["message_ts"] = messageTs,
                ["channel_id"] = channel,
                ["is_ephemeral"] = false,
            },
            ["trigger_id"] = $"1000{trigger}.2000.test{trigger}",
            ["team"] = new JsonObject { ["id"] = LoopbackSlackApi.TeamId, ["domain"] = "test-workspace" },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = channelName },
            ["message"] = new JsonObject
            {
                ["type"] = "message",
                ["user"] = LoopbackSlackApi.BotUserId,
                ["ts"] = message.Ts,
                ["bot_id"] = LoopbackSlackApi.BotId,
                ["app_id"] = LoopbackSlackApi.AppId,
                ["text"] = message.Text,
                ["team"] = LoopbackSlackApi.TeamId,
                ["blocks"] = message.Blocks?.DeepClone(),
            },
            ["state"] = new JsonObject { ["values"] = new JsonObject() },
            ["response_url"] = $"https://hooks.slack.com/actions/{LoopbackSlackApi.TeamId}/1000{trigger}/testresponse",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = "item-actions",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Confirm", ["emoji"] = true },
                ["value"] = value,
                ["style"] = "primary",
                ["type"] = "button",
                ["action_ts"] = NowTs(),
            }),
        };
        return PostFormAsync(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() });
    }

    /// <summary>Wraps <paramref name="ev"/> in Slack's <c>event_callback</c> envelope (a new event id unless given) and sends it.</summary>
    public Task<HttpResponseMessage> SendEventAsync(JsonObject ev, string? eventId = null, int? retryNum = null)
    {
        var body = EventBody(ev, eventId ?? NewEventId());
        var headers = retryNum is { } retry
            ? new Dictionary<string, string> { ["X-Slack-Retry-Num"] = retry.ToString(CultureInfo.InvariantCulture), ["X-Slack-Retry-Reason"] = "http_timeout" }
            : null;
        return PostSignedAsync(body, "application/json", headers);
    }

    public string NewEventId() => "Ev0TEST" + Interlocked.Increment(ref _events).ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The <c>event_callback</c> JSON Slack sends for <paramref name="ev"/>.</summary>
    public string EventBody(JsonObject ev, string eventId) => new JsonObject
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = LoopbackSlackApi.TeamId,
        ["context_team_id"] = LoopbackSlackApi.TeamId,
        ["api_app_id"] = LoopbackSlackApi.AppId,
        ["event"] = ev.DeepClone(),
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = _host.Time.GetUtcNow().ToUnixTimeSeconds(),
        ["authorizations"] = new JsonArray(new JsonObject
        {
            ["enterprise_id"] = null,
            ["team_id"] = LoopbackSlackApi.TeamId,
            ["user_id"] = LoopbackSlackApi.BotUserId,
            ["is_bot"] = true,
            ["is_enterprise_install"] = false,
        }),
        ["is_ext_shared_channel"] = false,
        ["event_context"] = "4-test-event-context",
    }.ToJsonString();

    /// <summary>POSTs <paramref name="body"/> signed with <paramref name="secret"/> (the configured one unless given).</summary>
    public async Task<HttpResponseMessage> PostSignedAsync(
        string body, string contentType, IReadOnlyDictionary<string, string>? headers = null, string secret = SigningSecret)
    {
        var timestamp = _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(secret, timestamp, body));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Slack's v0 signature, computed here independently of the code under test.</summary>
    public static string Sign(string secret, string timestamp, string body)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Waits (bounded) until every event so far is decided and every due action delivered. The Slack adapter keeps posts
    /// to one channel a second apart on the host's fake clock, so while the pipeline is busy the clock is moved on a
    /// second at a time.
    /// </summary>
    public Task WaitUntilIdleAsync() => _host.WaitUntilIdleAdvancingClockAsync(IdleTimeout, Tick);

    /// <summary>Sends, checks Slack got its 200 at once, and waits until the bot has answered.</summary>
    public async Task SendAndWaitAsync(Task<HttpResponseMessage> sending)
    {
        await AssertOkAsync(await sending);
        await WaitUntilIdleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostFormAsync(Dictionary<string, string> fields)
    {
        var body = string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value)));
        return PostSignedAsync(body, "application/x-www-form-urlencoded");
    }

    private string NowTs()
    {
        var micros = (_host.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }

    /// <summary>The answer Slack shows the user who typed a slash command: the 200 body's text, which must be ephemeral.</summary>
    public static async Task<string> EphemeralAnswerAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Slack expects 200, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal("ephemeral", (string?)json["response_type"]);
        return (string?)json["text"] ?? "";
    }

    private static async Task AssertOkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"Slack expects 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
