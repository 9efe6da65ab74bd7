namespace Postmortem.Host.Tests.Teams;

/// <summary>
/// In Teams people call the bot with <c>@Postmortem …</c> (DESIGN §1); Teams has no <c>/postmortem</c> slash command, so
/// the bot's cards must not tell Teams users to type one.
/// </summary>
public class TeamsCommandWordingTests
{
    [Fact]
    public async Task Teams_cards_name_mention_commands_not_slack_slash_commands()
    {
        await using var teams = await TeamsWorkspace.StartAsync();
        await teams.CommandAsync(TeamsPerson.Alice, "start Checkout errors sev:SEV2");
        var why1 = Assert.Single(teams.BotFramework.MessagesWith("Why 1:"));
        await teams.SayAsync(TeamsPerson.Bob, "root cause: the connection pool was exhausted https://grafana.example.com/d/pool", why1.Id);
        await teams.SayAsync(TeamsPerson.Bob, "latent", why1.Id);
        await teams.SayAsync(TeamsPerson.Bob, "no alert on pool saturation", why1.Id);
        await teams.CommandAsync(TeamsPerson.Alice, "help");

        var cards = teams.BotFramework.Messages;
        Assert.Contains(cards, m => m.Text.Contains("Chain 1 closed", StringComparison.Ordinal));
        Assert.All(cards, m => Assert.DoesNotContain("/postmortem", m.Text, StringComparison.Ordinal));
    }
}
