using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Postmortem.Core.Chat;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Slack;

/// <summary><c>POST /slack/events</c> on the real host: signatures, retries, URL verification, and a channel the bot is not in.</summary>
public class SlackEventsEndpointTests
{
    private const string Channel = "C0GENERAL1";
    private const string Other = "C0OTHER001";
    private const string Bob = "U0BOB00001";

    [Fact]
    public async Task Forged_signature_is_refused_and_nothing_reaches_the_inbox()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);
        var eventId = slack.NewEventId();
        var body = slack.EventBody(MessageEvent(Channel, "1795165100.000100", "checkout is down"), eventId);

        using var forged = await slack.PostSignedAsync(body, "application/json", secret: "not-the-signing-secret");
        using var tampered = await SendTamperedAsync(slack, body, body.Replace("checkout is down", "all fine here", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        await slack.WaitUntilIdleAsync();
        Assert.Equal(0, await StoredCountAsync(slack.Host, eventId, "1795165100.000100"));
    }

    [Fact]
    public async Task Retried_event_is_stored_once()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);
        var eventId = slack.NewEventId();
        var ev = MessageEvent(Channel, "1795165100.000100", "checkout is down");

        using var first = await slack.SendEventAsync(ev, eventId);
        using var retry = await slack.SendEventAsync(ev, eventId, retryNum: 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await slack.WaitUntilIdleAsync();
        Assert.Equal(1, await StoredCountAsync(slack.Host, eventId, "1795165100.000100"));
    }

    [Fact]
    public async Task Retry_of_a_message_deleted_meanwhile_does_not_bring_it_back()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);
        var postId = slack.NewEventId();
        var post = MessageEvent(Channel, "1795165100.000100", "the replica password is hunter2");

        using var first = await slack.SendEventAsync(post, postId);
        using var deletion = await slack.SendEventAsync(DeletedEvent(Channel, "1795165100.000100", "1795165160.000200"));
        using var retry = await slack.SendEventAsync(post, postId, retryNum: 1);
        using var late = await slack.SendEventAsync(post);

        Assert.All([first, deletion, retry, late], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        await slack.WaitUntilIdleAsync();
        var timeline = await slack.Host.Store.LoadChannelAsync(
            new ChannelRef("slack", LoopbackSlackApi.TeamId, Channel), CancellationToken.None);
        Assert.Empty(timeline.Messages);
        Assert.Equal(0, await StoredCountAsync(slack.Host, postId, "1795165100.000100"));
    }

    [Fact]
    public async Task An_acknowledged_message_is_already_in_the_timeline()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);
        await slack.WaitUntilIdleAsync();

        using var response = await slack.SendEventAsync(MessageEvent(Channel, "1795165100.000100", "checkout is down"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var timeline = await slack.Host.Store.LoadChannelAsync(
            new ChannelRef("slack", LoopbackSlackApi.TeamId, Channel), CancellationToken.None);
        Assert.Equal("checkout is down", Assert.Single(timeline.Messages).Text);
    }

    [Fact]
    public async Task Url_verification_is_answered_with_the_challenge()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);
        const string challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
        var body = new JsonObject { ["token"] = "legacy-verification-token", ["challenge"] = challenge, ["type"] = "url_verification" };

        using var response = await slack.PostSignedAsync(body.ToJsonString(), "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(challenge, answer.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Not_in_channel_is_given_up_without_stopping_the_other_channels()
    {
        await using var slack = await SlackWorkspace.StartAsync(api =>
        {
            SeedChannels(api);
            api.Refuse(Other, "not_in_channel");
        });

        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Other, "other", Bob, "bob", "start Checkout errors"));
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, "general", Bob, "bob", "start Payments latency"));

        Assert.Empty(slack.Api.BotMessages(Other));
        Assert.Contains(slack.Api.Calls("chat.postMessage"), c => c.Error == "not_in_channel");
        var failures = await GaveUpAsync(slack.Host, Other);
        Assert.NotEmpty(failures);
        Assert.All(failures, error => Assert.Contains("not_in_channel", error, StringComparison.Ordinal));
        Assert.Single(slack.Api.BotMessages(Channel, "Postmortem started"));
        Assert.Single(slack.Api.BotMessages(Channel, "Why 1:"));

        // A later command in the working channel is answered too.
        Assert.NotEmpty(await SlackWorkspace.EphemeralAnswerAsync(slack.SlashCommandAsync(Channel, "general", Bob, "bob", "status")));
    }

    [Fact]
    public async Task Slash_command_is_answered_in_its_acknowledgement_not_through_the_outbox()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);

        var answer = await SlackWorkspace.EphemeralAnswerAsync(slack.SlashCommandAsync(Channel, "general", Bob, "bob", "frobnicate the widgets"));
        await slack.WaitUntilIdleAsync();

        Assert.Contains("type `/postmortem start frobnicate the widgets`", answer, StringComparison.Ordinal);
        Assert.Empty(slack.Api.Calls("chat.postEphemeral"));
        Assert.Empty(slack.Api.Ephemerals(Channel));
    }

    [Fact]
    public async Task Slash_command_in_a_channel_the_bot_is_not_in_still_gets_its_answer()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedChannels);

        var answer = await SlackWorkspace.EphemeralAnswerAsync(slack.SlashCommandAsync(Other, "other", Bob, "bob", "help"));

        Assert.Contains("/postmortem start", answer, StringComparison.Ordinal);
    }

    private static void SeedChannels(LoopbackSlackApi api)
    {
        api.AddChannel(Channel, "general", HostFixture.Start.AddDays(-1));
        api.AddChannel(Other, "other", HostFixture.Start.AddDays(-1), isMember: false);
        api.AddUser(Bob, "bob", "Bob Example");
    }

    private static JsonObject MessageEvent(string channel, string ts, string text) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["user"] = Bob,
        ["ts"] = ts,
        ["team"] = LoopbackSlackApi.TeamId,
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["channel_type"] = "channel",
    };

    /// <summary>A <c>message_deleted</c> event in the shape of Slack's (<c>events/message_deleted.json</c>).</summary>
    private static JsonObject DeletedEvent(string channel, string deletedTs, string ts) => new()
    {
        ["type"] = "message",
        ["subtype"] = "message_deleted",
        ["previous_message"] = new JsonObject { ["type"] = "message", ["text"] = "(deleted)", ["user"] = Bob, ["ts"] = deletedTs },
        ["channel"] = channel,
        ["hidden"] = true,
        ["deleted_ts"] = deletedTs,
        ["event_ts"] = ts,
        ["ts"] = ts,
        ["channel_type"] = "channel",
    };

    /// <summary>Signs <paramref name="signed"/> but sends <paramref name="sent"/>, as a man in the middle would.</summary>
    private static async Task<HttpResponseMessage> SendTamperedAsync(SlackWorkspace slack, string signed, string sent)
    {
        var timestamp = slack.Host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var http = slack.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/events")
        {
            Content = new StringContent(sent, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackWorkspace.Sign(SlackWorkspace.SigningSecret, timestamp, signed));
        return await http.SendAsync(request);
    }

    /// <summary>
    /// How many times the event was stored: its inbox rows plus the timeline rows of its message (a posted message
    /// decided as it arrives is only in the timeline).
    /// </summary>
    private static async Task<long> StoredCountAsync(HostFixture host, string eventId, string messageTs)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM inbox WHERE platform = 'slack' AND event_id = $id)
                 + (SELECT COUNT(*) FROM timeline_messages WHERE platform = 'slack' AND message_id = $ts);
            """;
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$ts", messageTs);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The errors of the outbox actions given up in <paramref name="channel"/>.</summary>
    private static async Task<List<string>> GaveUpAsync(HostFixture host, string channel)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT error FROM outbox WHERE platform = 'slack' AND channel LIKE $channel AND gave_up = 1";
        command.Parameters.AddWithValue("$channel", "%" + channel + "%");
        var errors = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            errors.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }

        return errors;
    }
}
