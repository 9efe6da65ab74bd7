using static Postmortem.Host.Tests.Slack.SlackPostmortemFlowTests;

namespace Postmortem.Host.Tests.Slack;

/// <summary>What people read in Slack and in the document: names, and the backfill's progress count.</summary>
public class SlackPeopleAndProgressTests
{
    [Fact]
    public async Task A_reaction_or_a_message_without_a_profile_keeps_the_persons_known_name()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedIncidentChannel);
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "start Checkout errors sev:SEV2"));
        var why1 = Assert.Single(slack.Api.BotMessages(Channel, "Why 1:"));

        // Slack's message and reaction events carry the user's id only (no profile, no name).
        await slack.SayAsync(Channel, Bob, "the payment service timed out https://grafana.example.com/d/payments", why1.Ts);
        await slack.SendAndWaitAsync(slack.ReactAsync(Channel, Bob, "pushpin", why1.Ts));
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "render"));

        var markdown = Assert.Single(slack.Api.Uploads).Text;
        Assert.Contains("· bob: seeing elevated 500s on checkout", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain($"· {Bob}:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_progress_counts_the_channels_messages_not_the_bots_own_posts()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedIncidentChannel);

        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "start Checkout errors sev:SEV2"));

        // Six messages were in the channel before start: the alert, three posts of people's and two thread replies.
        // The bot's own kickoff and progress posts, which the history also returns, are not the channel's history.
        var progress = Assert.Single(slack.Api.BotMessages(Channel, "History collected:"));
        Assert.Equal("History collected: 6 messages, 1 thread.", progress.Text);
    }
}
