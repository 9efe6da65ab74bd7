namespace Postmortem.Host.Tests.Teams;

/// <summary>The Teams outbound path over time: the bot's token running out, and actions waiting in the outbox across a restart.</summary>
public class TeamsDeliveryTests
{
    private static readonly string StartCommand = $"<at>{LoopbackBotFramework.BotName}</at> start Checkout errors sev:SEV2";

    [Fact]
    public async Task Bot_token_is_fetched_again_once_it_runs_out()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        await teams.SayAsync(TeamsPerson.Alice, StartCommand);
        var why1 = Assert.Single(teams.BotFramework.MessagesWith("Why 1:"));
        var first = Assert.Single(teams.BotFramework.IssuedTokens);

        teams.Host.Time.Advance(TimeSpan.FromHours(2));
        await teams.SayAsync(TeamsPerson.Bob, "the payment service timed out https://grafana.example.com/d/payments", why1.Id);

        Assert.Equal(2, teams.BotFramework.IssuedTokens.Count);
        var second = teams.BotFramework.IssuedTokens[1];
        var why2 = Assert.Single(teams.BotFramework.MessagesWith("Why 2:"));
        var request = Assert.Single(teams.BotFramework.Requests, r => r.ConversationId == why2.ConversationId && r.Method == "POST");
        Assert.Equal("Bearer " + second, request.Authorization);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Actions_waiting_in_the_outbox_across_a_restart_still_reach_the_channel()
    {
        await using var teams = await TeamsWorkspace.StartAsync(new Dictionary<string, string?>
        {
            ["Processing:RetryBaseDelay"] = "00:10:00",
        });
        teams.BotFramework.RefuseConnector = true;
        await teams.SayAsync(TeamsPerson.Alice, StartCommand);
        Assert.Empty(teams.BotFramework.Messages);
        Assert.NotEmpty(teams.BotFramework.Requests);

        // A new process: no activity arrives after it starts, so the serviceUrl must come from what the old one stored.
        teams.BotFramework.RefuseConnector = false;
        await teams.RestartAsync();
        teams.Host.Time.Advance(TimeSpan.FromMinutes(15));
        await teams.WaitUntilIdleAsync();

        Assert.Single(teams.BotFramework.MessagesWith("Postmortem started"));
        var why1 = Assert.Single(teams.BotFramework.MessagesWith("Why 1:"));
        Assert.Equal(TeamsWorkspace.Chain(why1.Id), why1.ConversationId);
        Assert.True(
            teams.BotFramework.Messages[0].Text.Contains("Postmortem started", StringComparison.Ordinal),
            "the kickoff still goes out before the first question");
    }
}
