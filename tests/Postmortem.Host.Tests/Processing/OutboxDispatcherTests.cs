using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Processing;

public sealed class OutboxDispatcherTests
{
    [Fact]
    public async Task Delivered_post_is_fed_back_as_BotMessageDelivered()
    {
        await using var harness = await OutboxHarness.StartAsync();
        await harness.EnqueueAsync(OutboxHarness.Post("s1:kickoff"));

        await harness.DispatchAsync();

        var pending = await harness.Store.PendingInboxAsync(10, CancellationToken.None);
        var delivered = Assert.IsType<BotMessageDelivered>(Assert.Single(pending).Event);
        Assert.Equal("s1:kickoff", delivered.ActionKey);
        Assert.Equal("msg-s1:kickoff", delivered.MessageId);
        Assert.StartsWith("delivered:", delivered.EventId);
        Assert.Equal(OutboxHarness.Channel, delivered.Channel);
        Assert.Equal(harness.Time.GetUtcNow(), delivered.OccurredAt);
        Assert.Equal("msg-s1:kickoff", await harness.Store.FindDeliveredMessageIdAsync(OutboxHarness.Channel, "s1:kickoff", CancellationToken.None));
    }

    [Fact]
    public async Task Later_action_waits_until_the_earlier_one_of_its_channel_succeeds()
    {
        await using var harness = await OutboxHarness.StartAsync();
        harness.Platform.Answer = (action, attempt) => action.Key == "root" && attempt == 1
            ? DeliveryResult.Failed("timeout")
            : DeliveryResult.Delivered($"msg-{action.Key}");
        await harness.EnqueueAsync(OutboxHarness.Post("root"), OutboxHarness.Post("reply"));
        await harness.EnqueueAsync(OutboxHarness.Post("elsewhere", OutboxHarness.OtherChannel));

        await harness.DispatchAsync();
        Assert.Equal(["elsewhere"], harness.Platform.Delivered);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.DispatchAsync();
        Assert.Equal(["elsewhere", "root", "reply"], harness.Platform.Delivered);
    }

    [Fact]
    public async Task Retry_after_asked_by_the_platform_is_honoured()
    {
        await using var harness = await OutboxHarness.StartAsync();
        harness.Platform.Answer = (action, attempt) => attempt == 1
            ? DeliveryResult.Failed("rate limited", TimeSpan.FromSeconds(90))
            : DeliveryResult.Delivered("m1");
        await harness.EnqueueAsync(OutboxHarness.Post("a"));
        await harness.DispatchAsync();

        harness.Time.Advance(TimeSpan.FromSeconds(89));
        await harness.DispatchAsync();
        Assert.Empty(harness.Platform.Delivered);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.DispatchAsync();
        Assert.Equal(["a"], harness.Platform.Delivered);
        Assert.Equal([("a", 1), ("a", 2)], harness.Platform.Attempts);
    }

    [Fact]
    public async Task Action_is_given_up_after_the_last_attempt_and_the_channel_moves_on()
    {
        await using var harness = await OutboxHarness.StartAsync(new ProcessingOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            MaxDeliveryAttempts = 3,
        });
        harness.Platform.Answer = (action, _) => action.Key == "doomed" ? DeliveryResult.Failed("500") : DeliveryResult.Delivered("m");
        await harness.EnqueueAsync(OutboxHarness.Post("doomed"), OutboxHarness.Post("next"));

        for (var i = 0; i < 5; i++)
        {
            await harness.DispatchAsync();
            harness.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, harness.Platform.Attempts.Count(a => a.Key == "doomed"));
        Assert.Equal(["next"], harness.Platform.Delivered);
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried()
    {
        await using var harness = await OutboxHarness.StartAsync();
        harness.Platform.Answer = (_, _) => DeliveryResult.Rejected("channel_not_found");
        await harness.EnqueueAsync(OutboxHarness.Post("a"));

        await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.DispatchAsync();

        Assert.Single(harness.Platform.Attempts);
    }

    [Fact]
    public async Task Platform_exception_counts_as_a_failed_attempt()
    {
        await using var harness = await OutboxHarness.StartAsync();
        harness.Platform.Answer = (_, attempt) => attempt == 1 ? throw new HttpRequestException("reset") : DeliveryResult.Delivered("m");
        await harness.EnqueueAsync(OutboxHarness.Post("a"));

        await harness.DispatchAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        await harness.DispatchAsync();

        Assert.Equal(["a"], harness.Platform.Delivered);
    }

    [Fact]
    public async Task Ephemeral_and_update_are_not_fed_back()
    {
        await using var harness = await OutboxHarness.StartAsync();
        await harness.EnqueueAsync(
            new PostEphemeral { Key = "e", Channel = OutboxHarness.Channel, UserId = "u1", Content = new("hi") },
            new UpdateMessage { Key = "u", Channel = OutboxHarness.Channel, TargetKey = "e", Content = new("hi again") });

        await harness.DispatchAsync();

        Assert.Equal(["e", "u"], harness.Platform.Delivered);
        Assert.Empty(await harness.Store.PendingInboxAsync(10, CancellationToken.None));
    }
}
