using System.Net;
using System.Text.Json.Nodes;
using Postmortem.Core.Actions;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Teams;

/// <summary>
/// The whole flow through the real host and the Teams adapter: Bot Framework-signed activities in; Adaptive Cards out
/// to a loopback Bot Connector with the bot's client-credentials token.
/// </summary>
public class TeamsPostmortemFlowTests
{

    private static readonly string[] EarlyTexts =
    [
        "seeing elevated 500s on checkout, error rate at 12%",
        "connection pool at 100/100 on payments-db",
    ];

    private static readonly TeamsPerson Alice = TeamsPerson.Alice;
    private static readonly TeamsPerson Bob = TeamsPerson.Bob;
    private static readonly TeamsPerson Carol = TeamsPerson.Carol;

    [Fact]
    public async Task A_postmortem_runs_from_mention_to_markdown_through_the_teams_adapter()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        var microsoft = teams.BotFramework;

        // Talk in the channel before anyone calls the bot: kept as history.
        await teams.SayAsync(Bob, EarlyTexts[0]);
        var early = await teams.SayAsync(Carol, EarlyTexts[1]);
        await teams.SayAsync(Bob, "rollback complete, error rate back to normal", early["id"]!.GetValue<string>());
        Assert.Empty(microsoft.Requests);

        // start: Teams gets its 200 once the activity is stored; the kickoff and the first question go out as new channel posts.
        using (var ack = await teams.SendAsync(teams.Message(Alice, $"<at>{LoopbackBotFramework.BotName}</at> start Checkout errors sev:SEV2")))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        }

        await teams.WaitUntilIdleAsync();

        var kickoff = Assert.Single(microsoft.MessagesWith("Postmortem started"));
        Assert.False(kickoff.IsReply);
        // The three earlier messages and the start mention itself, which is collected like any message.
        Assert.Contains("(4 messages so far)", kickoff.Text, StringComparison.Ordinal);
        var why1 = Assert.Single(microsoft.MessagesWith("Why 1:"));
        Assert.False(why1.IsReply);
        Assert.Equal(TeamsWorkspace.Chain(why1.Id), why1.ConversationId);
        var token = Assert.Single(microsoft.IssuedTokens);
        var created = microsoft.Requests.Where(r => r.Method == "POST" && r.ConversationId is null).ToList();
        Assert.True(created.Count >= 2, "the kickoff and Why 1 each start a reply chain");
        Assert.All(created, r =>
        {
            Assert.True(r.Body["isGroup"]!.GetValue<bool>());
            Assert.Equal(TeamsWorkspace.Channel, r.Body["channelData"]!["channel"]!["id"]!.GetValue<string>());
            Assert.Equal(TeamsWorkspace.TenantId, r.Body["tenantId"]!.GetValue<string>());
            Assert.Equal("message", r.Body["activity"]!["type"]!.GetValue<string>());
            Assert.Equal("application/vnd.microsoft.card.adaptive", r.Body["activity"]!["attachments"]![0]!["contentType"]!.GetValue<string>());
        });

        // The 5 Whys, answered in Why 1's reply chain.
        await teams.SayAsync(Bob, "the payment service timed out https://grafana.example.com/d/payments", why1.Id);
        AssertChainReply(microsoft, "Why 2:", why1);

        await teams.SayAsync(Bob, "root cause: the connection pool was exhausted by a retry storm https://grafana.example.com/d/pool", why1.Id);
        AssertChainReply(microsoft, "Trigger or latent?", why1);

        await teams.SayAsync(Carol, "latent", why1.Id);
        AssertChainReply(microsoft, "Detection gap:", why1);

        // Answered by mentioning the bot: still the chain's answer, and kept in the transcript.
        await teams.SayAsync(Carol, $"<at>{LoopbackBotFramework.BotName}</at> no alert on pool saturation; one would have fired 10 minutes before customers noticed", why1.Id);
        AssertChainReply(microsoft, "Chain 1 closed", why1);

        // Action item #1, confirmed by its owner with a 👍 ("like") on its card.
        await teams.CommandAsync(Carol,
            "action Add a saturation alert for the payments connection pool <at>Bob</at> by 2026-12-04 done when the alert fires in staging under a load test",
            Bob);
        var item1 = Assert.Single(microsoft.MessagesWith("Action item #1"));
        Assert.Contains(item1.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);
        Assert.Contains("Add a saturation alert", item1.Text, StringComparison.Ordinal);

        await teams.SendAndWaitAsync(teams.SendAsync(teams.Reaction(Bob, "like", item1.Id)));
        item1 = Assert.Single(microsoft.MessagesWith("Action item #1"));
        Assert.True(item1.Updates >= 1, "the item's card is replaced in place");
        Assert.Contains("confirmed", item1.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(item1.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);
        Assert.Contains(microsoft.Requests, r => r.Method == "PUT" && r.ActivityId == item1.Id && r.ConversationId == item1.ConversationId);

        // Action item #2, confirmed by its owner with the card's Confirm button (Action.Execute → invoke).
        await teams.CommandAsync(Alice,
            "action Cap client retries at 2 with jittered backoff in the checkout service <at>Bob</at> by 2026-12-11 done when a load test at 3x traffic shows no retry storm",
            Bob);
        var item2 = Assert.Single(microsoft.MessagesWith("Action item #2"));
        var confirm = Assert.Single(item2.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.ConfirmItem);
        Assert.Equal("2", confirm["value"]?.GetValue<string>());

        using (var invoked = await teams.SendAsync(teams.CardAction(Bob, item2.Id, ButtonIds.ConfirmItem, confirm)))
        {
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            var answer = JsonNode.Parse(await invoked.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
            Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
            var card = new ConnectorMessage { Id = item2.Id, ConversationId = item2.ConversationId, Card = answer["value"]!.AsObject() };
            Assert.Contains("Action item #2", card.Text, StringComparison.Ordinal);
            Assert.Contains("confirmed", card.Text, StringComparison.Ordinal);
            Assert.Empty(card.Buttons);
        }

        await teams.WaitUntilIdleAsync();
        item2 = Assert.Single(microsoft.MessagesWith("Action item #2"));
        Assert.Contains("confirmed", item2.Text, StringComparison.Ordinal);

        // render: the summary card is posted, then replaced by a second render; the Markdown is on the web view.
        await teams.CommandAsync(Alice, "render");
        var summary = Assert.Single(microsoft.MessagesWith("Postmortem — Checkout errors"));
        Assert.False(summary.IsReply);
        Assert.Contains("Cap client retries at 2", summary.Text, StringComparison.Ordinal);
        await teams.CommandAsync(Alice, "render");
        summary = Assert.Single(microsoft.MessagesWith("Postmortem — Checkout errors"));
        Assert.True(summary.Updates >= 1, "a second render replaces the summary card");
        Assert.Contains(microsoft.Requests, r => r.Method == "PUT" && r.ActivityId == summary.Id);

        var sessionId = Assert.Single(summary.Buttons, b => b["actionId"]?.GetValue<string>() == ButtonIds.Render)["value"]!.GetValue<string>();
        using var http = teams.Host.CreateClient();
        using var document = await http.GetAsync($"/postmortems/{Uri.EscapeDataString(sessionId)}.md");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var markdown = await document.Content.ReadAsStringAsync();
        TemplateSections.AssertInOrder(markdown, "Checkout errors");
        Assert.All(EarlyTexts, text => Assert.Contains(text, markdown, StringComparison.Ordinal));
        Assert.Contains("the payment service timed out", markdown, StringComparison.Ordinal);
        Assert.Contains("connection pool was exhausted by a retry storm", markdown, StringComparison.Ordinal);
        Assert.Contains("no alert on pool saturation", markdown, StringComparison.Ordinal);
        Assert.Contains(
            $"@{LoopbackBotFramework.BotName} no alert on pool saturation",
            markdown[markdown.IndexOf("## Appendix", StringComparison.Ordinal)..],
            StringComparison.Ordinal);
        Assert.Contains("Add a saturation alert for the payments connection pool", markdown, StringComparison.Ordinal);
        Assert.Contains("Cap client retries at 2", markdown, StringComparison.Ordinal);
        Assert.Equal(2, CorrectiveActionRows(markdown).Count(row => row.Contains("| confirmed |", StringComparison.Ordinal)));

        // Every connector call carried the one token the bot fetched, and succeeded.
        Assert.Single(microsoft.IssuedTokens);
        Assert.All(microsoft.Requests, r => Assert.Equal("Bearer " + token, r.Authorization));
        Assert.All(microsoft.Requests, r => Assert.True(r.Status is 200 or 201, $"{r.Method} {r.Path} answered {r.Status}"));
    }

    private static void AssertChainReply(LoopbackBotFramework microsoft, string opening, ConnectorMessage root)
    {
        var reply = Assert.Single(microsoft.MessagesWith(opening));
        Assert.Equal(root.Id, reply.ReplyToId);
        Assert.Equal(TeamsWorkspace.Chain(root.Id), reply.ConversationId);
    }

    /// <summary>The table rows (or list lines) of the Corrective Actions section.</summary>
    private static IReadOnlyList<string> CorrectiveActionRows(string markdown)
    {
        var start = markdown.IndexOf("## Corrective Actions\n", StringComparison.Ordinal);
        var end = markdown.IndexOf("## Preventive Measures\n", start, StringComparison.Ordinal);
        return markdown[start..end].Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('-') || l.StartsWith('*')).ToList();
    }

}
