using Microsoft.Extensions.Time.Testing;
using Postmortem.Teams.Outbound;

namespace Postmortem.Teams.Tests.Outbound;

public sealed class ConversationSendLimiterTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<TimeSpan> waits = [];
    private readonly ConversationSendLimiter limiter;

    public ConversationSendLimiterTests()
    {
        limiter = new ConversationSendLimiter(
            new TeamsOutboundOptions { SendBurst = 3, SendsPerSecond = 2 },
            time,
            (wait, _) =>
            {
                waits.Add(wait);
                return Task.CompletedTask;
            });
    }

    [Fact]
    public async Task Burst_goes_out_without_waiting()
    {
        for (var i = 0; i < 3; i++)
        {
            await limiter.WaitTurnAsync("conv", default);
        }

        Assert.Empty(waits);
    }

    [Fact]
    public async Task Sends_beyond_the_burst_are_spaced_at_the_steady_rate()
    {
        for (var i = 0; i < 5; i++)
        {
            await limiter.WaitTurnAsync("conv", default);
        }

        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], waits);
    }

    [Fact]
    public async Task Conversations_have_separate_allowances()
    {
        for (var i = 0; i < 3; i++)
        {
            await limiter.WaitTurnAsync("a", default);
            await limiter.WaitTurnAsync("b", default);
        }

        Assert.Empty(waits);
    }

    [Fact]
    public async Task Allowance_refills_as_time_passes()
    {
        for (var i = 0; i < 3; i++)
        {
            await limiter.WaitTurnAsync("conv", default);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await limiter.WaitTurnAsync("conv", default);
        await limiter.WaitTurnAsync("conv", default);

        Assert.Empty(waits);
    }
}
