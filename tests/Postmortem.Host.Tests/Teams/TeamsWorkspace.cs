using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Teams;

/// <summary>
/// Plays Teams' side against the real host: builds activities in the shapes Teams sends to a bot in a team channel,
/// signs each with a Bot Framework token minted by <see cref="LoopbackBotFramework"/> (times from the host's fake
/// clock), and POSTs it to <c>/api/messages</c>. The host's outbound calls go to the same loopback.
/// </summary>
public sealed class TeamsWorkspace : IAsyncDisposable
{
    public const string TenantId = "8d2f6a51-3c4e-4b7a-9e10-5a6b7c8d9e0f";
    public const string TeamId = "19:Qx7team0checkout0ops@thread.tacv2";
    public const string Channel = "19:5e0c1d2f3a4b4c5d8e9f0a1b2c3d4e5f@thread.tacv2";
    public const string ChannelName = "inc-checkout";

    /// <summary>The longest any wait for the bot may take (real time).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one look at the pipeline waits before the fake clock is moved on (real time).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(25);

    private readonly HostFixture _host;
    private readonly LoopbackBotFramework _microsoft;
    private HttpClient _http;
    private long _lastActivityId;

    private TeamsWorkspace(HostFixture host, LoopbackBotFramework microsoft)
    {
        _host = host;
        _microsoft = microsoft;
        _http = host.CreateClient();
    }

    public HostFixture Host => _host;

    public LoopbackBotFramework BotFramework => _microsoft;

    /// <summary>Starts the loopback Bot Framework, then the real host pointed at it, with <paramref name="settings"/> on top.</summary>
    public static async Task<TeamsWorkspace> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var microsoft = await LoopbackBotFramework.StartAsync();
        try
        {
            var all = new Dictionary<string, string?>
            {
                ["Teams:AppId"] = LoopbackBotFramework.AppId,
                ["Teams:AppPassword"] = LoopbackBotFramework.AppPassword,
                ["Teams:TenantId"] = TenantId,
                ["Teams:OpenIdMetadataUrl"] = microsoft.MetadataUrl,
                ["Teams:TokenEndpoint"] = microsoft.TokenEndpoint,
                ["Teams:AllowedServiceUrlHosts"] = "127.0.0.1",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            var host = await HostFixture.StartAsync(all);
            return new TeamsWorkspace(host, microsoft);
        }
        catch
        {
            await microsoft.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A channel <c>message</c> from <paramref name="from"/>; in the reply chain of <paramref name="rootId"/> when given.
    /// Each <c>&lt;at&gt;Name&lt;/at&gt;</c> of <paramref name="mentions"/> (and of the bot) gets its mention entity.
    /// </summary>
    public JsonObject Message(TeamsPerson from, string text, string? rootId = null, params TeamsPerson[] mentions)
    {
        var entities = new JsonArray();
        if (text.Contains($"<at>{LoopbackBotFramework.BotName}</at>", StringComparison.Ordinal))
        {
            entities.Add(Mention(LoopbackBotFramework.BotId, LoopbackBotFramework.BotName));
        }

        foreach (var person in mentions)
        {
            entities.Add(Mention(person.Id, person.Name));
        }

        entities.Add(new JsonObject
        {
            ["locale"] = "en-US",
            ["country"] = "US",
            ["platform"] = "Web",
            ["timezone"] = "Europe/Berlin",
            ["type"] = "clientInfo",
        });

        var activity = Activity("message", NextActivityId(), from, rootId is null ? Channel : Chain(rootId));
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["entities"] = entities;
        activity["locale"] = "en-US";
        return activity;
    }

    /// <summary>A <c>messageReaction</c>: <paramref name="from"/> reacted <paramref name="type"/> to the bot's message.</summary>
    public JsonObject Reaction(TeamsPerson from, string type, string messageId)
    {
        var activity = Activity("messageReaction", "f:" + Guid.NewGuid().ToString("N"), from, Chain(messageId));
        activity["reactionsAdded"] = new JsonArray(new JsonObject { ["type"] = type });
        activity["replyToId"] = messageId;
        activity["channelData"]!["legacy"] = new JsonObject { ["replyToId"] = "1:" + messageId };
        return activity;
    }

    /// <summary>An <c>invoke</c> named <c>adaptiveCard/action</c>: <paramref name="from"/> pressed an Action.Execute button.</summary>
    public JsonObject CardAction(TeamsPerson from, string messageId, string verb, JsonObject data)
    {
        var activity = Activity("invoke", "f:" + Guid.NewGuid().ToString("N"), from, Chain(messageId));
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = messageId;
        activity["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
        activity["channelData"]!["legacy"] = new JsonObject { ["replyToId"] = "1:" + messageId };
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["title"] = "Confirm", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>A <c>conversationUpdate</c>: someone added the bot to the team (it arrives in the team's General channel).</summary>
    public JsonObject BotAdded(TeamsPerson by)
    {
        var activity = Activity("conversationUpdate", "f:" + Guid.NewGuid().ToString("N"), by, TeamId);
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = LoopbackBotFramework.BotId });
        activity["channelData"] = new JsonObject
        {
            ["settings"] = new JsonObject { ["selectedChannel"] = new JsonObject { ["id"] = TeamId } },
            ["team"] = new JsonObject { ["aadGroupId"] = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f", ["name"] = "Checkout", ["id"] = TeamId },
            ["eventType"] = "teamMemberAdded",
            ["tenant"] = new JsonObject { ["id"] = TenantId },
        };
        activity["conversation"]!["name"] = "General";
        return activity;
    }

    /// <summary>POSTs <paramref name="activity"/> to <c>/api/messages</c> with a fresh valid token unless <paramref name="token"/> is given ("" sends none).</summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null)
    {
        token ??= _microsoft.Mint(_host.Time.GetUtcNow(), activity["serviceUrl"]?.GetValue<string>());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>A person posts in the channel (or a reply chain): sends the message, checks the 200, waits for the bot.</summary>
    public async Task<JsonObject> SayAsync(TeamsPerson from, string text, string? rootId = null, params TeamsPerson[] mentions)
    {
        var activity = Message(from, text, rootId, mentions);
        await SendAndWaitAsync(SendAsync(activity));
        return activity;
    }

    /// <summary><c>@Postmortem {command}</c> in the channel.</summary>
    public Task<JsonObject> CommandAsync(TeamsPerson from, string command, params TeamsPerson[] mentions) =>
        SayAsync(from, $"<at>{LoopbackBotFramework.BotName}</at> {command}", null, mentions);

    /// <summary>
    /// Waits (bounded) until every activity so far is decided and every due action delivered. The connector client
    /// spaces out posts to one conversation on the host's fake clock, so while the pipeline is busy the clock is moved
    /// on a second at a time.
    /// </summary>
    public Task WaitUntilIdleAsync() => _host.WaitUntilIdleAdvancingClockAsync(IdleTimeout, Tick);

    /// <summary>Sends, checks Teams got its 200, and waits until the bot has answered.</summary>
    public async Task SendAndWaitAsync(Task<HttpResponseMessage> sending)
    {
        using (var response = await sending)
        {
            Assert.True(
                response.StatusCode == HttpStatusCode.OK,
                $"Teams expects 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await WaitUntilIdleAsync();
    }

    /// <summary>
    /// How many times Teams events were stored: inbox rows plus timeline messages (a posted message decided as it
    /// arrives is only in the timeline).
    /// </summary>
    public async Task<long> StoredCountAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM inbox WHERE platform = 'teams')
                 + (SELECT COUNT(*) FROM timeline_messages WHERE platform = 'teams');
            """;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Stops the host and starts a new one on the same data, like a process restart; the loopback keeps running.</summary>
    public async Task RestartAsync()
    {
        _http.Dispose();
        await _host.RestartAsync();
        _http = _host.CreateClient();
    }

    /// <summary>The id of a reply chain in the channel: <c>{channel};messageid={root}</c>.</summary>
    public static string Chain(string rootId) => $"{Channel};messageid={rootId}";

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _microsoft.DisposeAsync();
    }

    private static JsonObject Mention(string id, string name) => new()
    {
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        ["text"] = $"<at>{name}</at>",
        ["type"] = "mention",
    };

    /// <summary>What every activity from a person in the incident channel carries.</summary>
    private JsonObject Activity(string type, string id, TeamsPerson from, string conversationId)
    {
        var now = _host.Time.GetUtcNow();
        return new JsonObject
        {
            ["type"] = type,
            ["channelId"] = "msteams",
            ["id"] = id,
            ["serviceUrl"] = _microsoft.ServiceUrl,
            ["channelData"] = new JsonObject
            {
                ["teamsChannelId"] = Channel,
                ["teamsTeamId"] = TeamId,
                ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = ChannelName },
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "Checkout" },
                ["tenant"] = new JsonObject { ["id"] = TenantId },
            },
            ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["recipient"] = new JsonObject { ["id"] = LoopbackBotFramework.BotId, ["name"] = LoopbackBotFramework.BotName },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["isGroup"] = true,
                ["conversationType"] = "channel",
                ["tenantId"] = TenantId,
            },
            ["timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["localTimestamp"] = now.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Teams message ids are the post's epoch milliseconds; kept unique when several share a millisecond.</summary>
    private string NextActivityId()
    {
        var now = _host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var id = Math.Max(now, Interlocked.Read(ref _lastActivityId) + 1);
        Interlocked.Exchange(ref _lastActivityId, id);
        return id.ToString(CultureInfo.InvariantCulture);
    }
}
