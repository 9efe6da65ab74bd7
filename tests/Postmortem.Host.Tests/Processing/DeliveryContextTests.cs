using System.Collections.Immutable;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Processing;

public sealed class DeliveryContextTests
{
    [Fact]
    public async Task Delivered_action_key_resolves_to_its_message_id()
    {
        await using var harness = await OutboxHarness.StartAsync();
        await harness.EnqueueAsync(OutboxHarness.Post("s1:chain:1"));
        await harness.DispatchAsync();

        var context = new DeliveryContext(harness.Store, OutboxHarness.Channel, 1);

        Assert.Equal("msg-s1:chain:1", await context.FindMessageIdAsync("s1:chain:1", CancellationToken.None));
        Assert.Null(await context.FindMessageIdAsync("s1:chain:2", CancellationToken.None));
    }

    [Fact]
    public async Task Summary_key_resolves_through_the_sessions_bot_posts()
    {
        await using var harness = await OutboxHarness.StartAsync();
        var session = new PostmortemSession
        {
            Id = "s1",
            Channel = OutboxHarness.Channel,
            Title = "Outage",
            StartedBy = "u1",
            StartedAt = harness.Time.GetUtcNow(),
            BotPosts = ImmutableDictionary<string, string>.Empty.Add("s1:summary", "m42"),
        };
        await harness.Store.TryAddToInboxAsync(new Core.Events.MessagePosted
        {
            EventId = "e-session",
            Channel = OutboxHarness.Channel,
            OccurredAt = harness.Time.GetUtcNow(),
            MessageId = "x",
            Author = new("u1", "u1"),
            Text = "x",
        }, CancellationToken.None);
        var item = Assert.Single(await harness.Store.PendingInboxAsync(10, CancellationToken.None));
        await harness.Store.CommitAsync(item, new Decision(session, [], []), CancellationToken.None);

        var context = new DeliveryContext(harness.Store, OutboxHarness.Channel, 1);

        Assert.Equal("m42", await context.FindMessageIdAsync(session.SummaryKey, CancellationToken.None));
    }
}
