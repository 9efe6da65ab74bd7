using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Host.Playground;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.EndToEnd;

/// <summary>The whole flow through the playground HTTP API: start → whys → action item → ✅ → render.</summary>
public class PostmortemFlowTests
{

    [Fact]
    public async Task A_postmortem_runs_from_start_to_render_through_the_playground()
    {
        await using var host = await HostFixture.StartAsync();
        var channel = host.Playground();
        await channel.SayAsync("bob", "seeing elevated 500s on checkout, error rate at 12%");
        await channel.SayAsync("carol", "declaring a SEV2 incident, I'm incident commander");

        await channel.SayAsync("alice", "/postmortem start Checkout errors sev:SEV2");
        var why1 = await SingleBotMessageAsync(channel, "Why 1:");

        await AnswerFirstTwoWhysAsync(channel, why1.Id);
        await FinishChainAsync(channel, why1.Id);

        await channel.SayAsync("carol", "/postmortem action Add a saturation alert for the payments connection pool @bob by 2026-11-27 done when the alert fires in staging under a load test");
        var item = await SingleBotMessageAsync(channel, "Action item #1:");
        Assert.Contains(item.Buttons, b => b.ActionId == ButtonIds.ConfirmItem);
        await channel.ReactAsync("bob", item.Id, "✅");
        await channel.WaitUntilIdleAsync();
        Assert.Contains("confirmed", (await SingleBotMessageAsync(channel, "Action item #1:")).Text);

        var fix = await channel.SayAsync("bob", "rollback complete, error rate back to normal — mitigated");
        await channel.ReactAsync("carol", fix.Id, "📌");
        await channel.SayAsync("alice", "/postmortem render");

        var markdown = await channel.PostmortemMarkdownAsync();
        Assert.NotNull(markdown);
        TemplateSections.AssertInOrder(markdown, "Checkout errors");
        Assert.Contains("seeing elevated 500s on checkout", markdown);
        Assert.Contains("rollback complete, error rate back to normal", markdown);
        Assert.Contains("the payment service timed out", markdown);
        Assert.Contains("connection pool was exhausted by a retry storm", markdown);
        Assert.Contains("no alert on pool saturation", markdown);
        Assert.Contains("Add a saturation alert for the payments connection pool", markdown);
        Assert.Contains("2026-11-27 (Fri)", markdown);
        Assert.Contains("confirmed", markdown);

        var session = Assert.Single(await OpenSessionsAsync(host));
        Assert.Equal(ActionItemStatus.Confirmed, Assert.Single(session.Items).Status);
    }

    [Fact]
    public async Task A_restart_in_the_middle_of_the_whys_continues_where_it_was_and_posts_nothing_twice()
    {
        await using var host = await HostFixture.StartAsync();
        var channel = host.Playground();
        await channel.SayAsync("bob", "seeing elevated 500s on checkout");
        await channel.SayAsync("alice", "/postmortem start Checkout errors sev:SEV2");
        var why1 = await SingleBotMessageAsync(channel, "Why 1:");
        await AnswerFirstTwoWhysAsync(channel, why1.Id);

        await host.RestartAsync();
        channel = host.Playground();
        await channel.WaitUntilIdleAsync();

        Assert.Single(await BotMessagesStartingAsync(channel, "Postmortem started"));
        Assert.Single(await BotMessagesStartingAsync(channel, "Why 2:"));
        Assert.Single(await BotMessagesStartingAsync(channel, "Trigger or latent?"));

        await FinishChainAsync(channel, why1.Id);
        await channel.SayAsync("alice", "/postmortem render");

        var markdown = await channel.PostmortemMarkdownAsync();
        Assert.NotNull(markdown);
        TemplateSections.AssertInOrder(markdown, "Checkout errors");
        Assert.Contains("the payment service timed out", markdown);
        Assert.Contains("no alert on pool saturation", markdown);
        Assert.Single(await BotMessagesStartingAsync(channel, "Why 2:"));
    }

    private static async Task AnswerFirstTwoWhysAsync(PlaygroundClient channel, string thread)
    {
        await channel.SayAsync("bob", "the payment service timed out https://grafana.example.com/d/payments", thread);
        await SingleBotMessageAsync(channel, "Why 2:");
        await channel.SayAsync("bob", "root cause: the connection pool was exhausted by a retry storm https://grafana.example.com/d/pool", thread);
        await SingleBotMessageAsync(channel, "Trigger or latent?");
    }

    private static async Task FinishChainAsync(PlaygroundClient channel, string thread)
    {
        await channel.SayAsync("carol", "latent", thread);
        await SingleBotMessageAsync(channel, "Detection gap:");
        await channel.SayAsync("carol", "no alert on pool saturation; one would have fired 10 minutes before customers noticed", thread);
        await SingleBotMessageAsync(channel, "Chain 1 closed");
    }

    private static async Task<PlaygroundMessage> SingleBotMessageAsync(PlaygroundClient channel, string opening) =>
        Assert.Single(await BotMessagesStartingAsync(channel, opening));

    private static async Task<List<PlaygroundMessage>> BotMessagesStartingAsync(PlaygroundClient channel, string opening) =>
        (await channel.BotMessagesAsync()).Where(m => m.Text.StartsWith(opening, StringComparison.Ordinal)).ToList();

    private static async Task<List<Core.Sessions.PostmortemSession>> OpenSessionsAsync(HostFixture host)
    {
        var snapshot = await host.Store.LoadChannelAsync(new Core.Chat.ChannelRef("playground", "local", "incident"), CancellationToken.None);
        return snapshot.Session is null ? [] : [snapshot.Session];
    }

}
