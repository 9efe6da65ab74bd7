using System.Net;
using System.Text.Json.Nodes;
using Postmortem.Core.Actions;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Slack;

/// <summary>
/// The whole flow through the real host and the Slack adapter: signed slash commands, events and button presses in;
/// Web API calls out to a loopback Slack that holds the channel's earlier history.
/// </summary>
public class SlackPostmortemFlowTests
{
    internal const string Channel = "C0INCID001";
    internal const string ChannelName = "inc-checkout";
    internal const string Alice = "U0ALICE001";
    internal const string Bob = "U0BOB00001";
    internal const string Carol = "U0CAROL001";
    internal const string AlertBot = "B0ALERTS01";


    private static readonly string[] SeededTexts =
    [
        "[FIRING] checkout-api 5xx rate above 5% for 5 minutes",
        "seeing elevated 500s on checkout, error rate at 12%",
        "payments dashboard shows p99 latency at 9s",
        "connection pool at 100/100 on payments-db",
        "declaring a SEV2 incident, I'm incident commander",
        "rollback complete, error rate back to normal — mitigated",
    ];

    [Fact]
    public async Task A_postmortem_runs_from_slash_command_to_uploaded_document_through_the_slack_adapter()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedIncidentChannel);
        var api = slack.Api;

        // start: Slack gets its 200 once the command is stored (speed: bench/slack-ack); the bot reads the history and opens the first chain.
        using (var ack = await slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "start Checkout errors sev:SEV2"))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await slack.WaitUntilIdleAsync();

        AssertHistoryWasRead(api);
        var progress = Assert.Single(api.BotMessages(Channel, "History collected:"));
        Assert.EndsWith(" messages, 1 thread.", progress.Text, StringComparison.Ordinal);
        Assert.True(progress.Updates >= 1, "the progress message is posted once, then updated in place");
        Assert.Single(api.BotMessages(Channel, "Postmortem started"));
        var why1 = Assert.Single(api.BotMessages(Channel, "Why 1:"));
        Assert.False(why1.IsReply);
        Assert.All(api.BotMessages(Channel), m => Assert.Equal("postmortem_action", m.Metadata?["event_type"]?.GetValue<string>()));

        // The 5 Whys, answered in the thread under "Why 1:".
        await slack.SayAsync(Channel, Bob, "the payment service timed out https://grafana.example.com/d/payments", why1.Ts);
        await slack.WaitUntilIdleAsync();
        AssertThreadReply(api, "Why 2:", why1.Ts);

        await slack.SayAsync(Channel, Bob, "root cause: the connection pool was exhausted by a retry storm https://grafana.example.com/d/pool", why1.Ts);
        await slack.WaitUntilIdleAsync();
        AssertThreadReply(api, "Trigger or latent?", why1.Ts);

        await slack.SayAsync(Channel, Carol, "latent", why1.Ts);
        await slack.WaitUntilIdleAsync();
        AssertThreadReply(api, "Detection gap:", why1.Ts);

        await slack.SayAsync(Channel, Carol, "no alert on pool saturation; one would have fired 10 minutes before customers noticed", why1.Ts);
        await slack.WaitUntilIdleAsync();
        AssertThreadReply(api, "Chain 1 closed", why1.Ts);

        // Action item #1, confirmed by its owner with a ✅ reaction.
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Carol, "carol",
            $"action Add a saturation alert for the payments connection pool <@{Bob}|bob> by 2026-12-04 done when the alert fires in staging under a load test"));
        var item1 = Assert.Single(api.BotMessages(Channel, "Action item #1:"));
        Assert.Contains(ButtonIds.ConfirmItem, item1.Blocks!.ToJsonString(), StringComparison.Ordinal);

        await slack.SendAndWaitAsync(slack.ReactAsync(Channel, Bob, "white_check_mark", item1.Ts));
        item1 = Assert.Single(api.BotMessages(Channel, "Action item #1:"));
        Assert.True(item1.Updates >= 1, "the item's message is updated in place");
        Assert.Contains("confirmed", item1.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ButtonIds.ConfirmItem, item1.Blocks?.ToJsonString() ?? "", StringComparison.Ordinal);
        Assert.Contains(api.Calls("chat.update"), c => c.Argument("ts") == item1.Ts);

        // Action item #2, confirmed by its owner with the Confirm button.
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice",
            $"action Cap client retries at 2 with jittered backoff in the checkout service <@{Carol}> by 2026-12-11 done when a load test at 3x traffic shows no retry storm"));
        var item2 = Assert.Single(api.BotMessages(Channel, "Action item #2:"));
        await slack.SendAndWaitAsync(slack.PressAsync(Channel, ChannelName, Carol, "carol", item2.Ts, ButtonIds.ConfirmItem, "2"));
        item2 = Assert.Single(api.BotMessages(Channel, "Action item #2:"));
        Assert.Contains("confirmed", item2.Text, StringComparison.Ordinal);

        // render: a summary with blocks, and the whole document uploaded as a Markdown file.
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "render"));
        var upload = Assert.Single(api.Uploads);
        Assert.StartsWith("postmortem-", upload.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".md", upload.FileName, StringComparison.Ordinal);
        Assert.Equal(Channel, upload.ChannelId);
        Assert.Equal(upload.DeclaredLength, upload.Bytes!.Length);
        var markdown = upload.Text;
        TemplateSections.AssertInOrder(markdown, "Checkout errors");
        Assert.All(SeededTexts, text => Assert.Contains(text, markdown, StringComparison.Ordinal));
        Assert.Contains($"https://test-workspace.slack.com/archives/{Channel}/p", markdown, StringComparison.Ordinal);
        Assert.Contains("the payment service timed out", markdown, StringComparison.Ordinal);
        Assert.Contains("connection pool was exhausted by a retry storm", markdown, StringComparison.Ordinal);
        Assert.Contains("no alert on pool saturation", markdown, StringComparison.Ordinal);
        Assert.Contains("Add a saturation alert for the payments connection pool", markdown, StringComparison.Ordinal);
        Assert.Contains("Cap client retries at 2", markdown, StringComparison.Ordinal);
        Assert.Contains("confirmed", markdown, StringComparison.Ordinal);

        var summary = Assert.Single(api.BotMessages(Channel), m => HasHeader(m, "Postmortem: Checkout errors"));
        Assert.False(summary.IsReply);
        Assert.Contains(api.Messages(Channel), m => m.FileIds.Contains(upload.FileId));

        Assert.All(api.Calls(), c => Assert.True(c.Ok, $"{c.Method} answered {c.Error}"));
        Assert.Empty(api.Ephemerals(Channel));
    }

    /// <summary>An incident channel with an alert, a thread with two replies, and talk before anyone typed <c>start</c>.</summary>
    internal static void SeedIncidentChannel(LoopbackSlackApi api)
    {
        var at = HostFixture.Start.AddHours(-1);
        api.PageCap = 2;
        api.AddChannel(Channel, ChannelName, HostFixture.Start.AddDays(-1));
        api.AddUser(Alice, "alice", "Alice Example");
        api.AddUser(Bob, "bob", "Bob Example");
        api.AddUser(Carol, "carol", "Carol Example");
        api.Seed(Channel, at.AddMinutes(2), SeededTexts[0], botId: AlertBot, username: "PagerDuty");
        var thread = api.Seed(Channel, at.AddMinutes(5), SeededTexts[1], user: Bob);
        api.Seed(Channel, at.AddMinutes(7), SeededTexts[2], user: Carol, threadTs: thread.Ts);
        api.Seed(Channel, at.AddMinutes(9), SeededTexts[3], user: Bob, threadTs: thread.Ts);
        api.Seed(Channel, at.AddMinutes(10), SeededTexts[4], user: Carol);
        api.Seed(Channel, at.AddMinutes(40), SeededTexts[5], user: Bob);
    }

    private static void AssertHistoryWasRead(LoopbackSlackApi api)
    {
        var history = api.Calls("conversations.history").Where(c => c.Argument("oldest") is not null).ToList();
        Assert.True(history.Count >= 2, $"the history is read page by page ({history.Count} pages)");
        Assert.All(history, c => Assert.Equal("true", c.Argument("include_all_metadata")));
        Assert.Contains(history, c => c.Argument("cursor") is { Length: > 0 });
        Assert.All(history, c => Assert.True(c.Ok, c.Error));
        var thread = api.Messages(Channel).Single(m => m.Text == SeededTexts[1]);
        Assert.Contains(api.Calls("conversations.replies"), c => c.Argument("ts") == thread.Ts);
    }

    private static void AssertThreadReply(LoopbackSlackApi api, string opening, string threadTs)
    {
        var reply = Assert.Single(api.BotMessages(Channel, opening));
        Assert.Equal(threadTs, reply.ThreadTs);
    }

    private static bool HasHeader(LoopbackMessage message, string text) =>
        message.Blocks is { } blocks
        && blocks.OfType<JsonObject>().Any(b =>
            b["type"]?.GetValue<string>() == "header" && b["text"]?["text"]?.GetValue<string>() == text);

}
