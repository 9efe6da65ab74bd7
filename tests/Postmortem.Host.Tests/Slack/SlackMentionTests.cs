using static Postmortem.Host.Tests.Slack.SlackPostmortemFlowTests;

namespace Postmortem.Host.Tests.Slack;

/// <summary>Responders who address the bot by name while they answer, through the real host and the Slack adapter.</summary>
public class SlackMentionTests
{
    [Fact]
    public async Task An_answer_that_mentions_the_bot_is_taken_once_although_Slack_delivers_it_twice()
    {
        await using var slack = await SlackWorkspace.StartAsync(SeedIncidentChannel);
        var api = slack.Api;
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "start Checkout errors"));
        var why1 = Assert.Single(api.BotMessages(Channel, "Why 1:"));

        var answer = await slack.MentionAsync(Channel, Bob, "the payment service timed out https://grafana.example.com/d/payments", why1.Ts);
        await slack.WaitUntilIdleAsync();

        var why2 = Assert.Single(api.BotMessages(Channel, "Why 2:"));
        Assert.Equal(why1.Ts, why2.ThreadTs);
        Assert.Contains("the payment service timed out", why2.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackSlackApi.BotUserId, why2.Text, StringComparison.Ordinal);
        Assert.Empty(api.Ephemerals(Channel));

        // The message itself is collected into the timeline like any other reply.
        await slack.SendAndWaitAsync(slack.SlashCommandAsync(Channel, ChannelName, Alice, "alice", "render"));
        Assert.Contains(answer.Ts.Replace(".", "", StringComparison.Ordinal), Assert.Single(api.Uploads).Text, StringComparison.Ordinal);
    }
}
