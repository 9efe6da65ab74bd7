using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Processing;

public sealed class DeliveryBackoffTests
{
    private static readonly ProcessingOptions Options = new()
    {
        RetryBaseDelay = TimeSpan.FromSeconds(2),
        RetryMaxDelay = TimeSpan.FromMinutes(1),
    };

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(5, 32)]
    [InlineData(6, 60)]
    [InlineData(40, 60)]
    public void Delay_doubles_per_attempt_up_to_the_maximum(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryBackoff.Delay(attempt, null, Options, jitter: 0.5));
    }

    [Fact]
    public void Jitter_spreads_the_delay_by_a_fifth_either_way()
    {
        Assert.Equal(TimeSpan.FromSeconds(6.4), DeliveryBackoff.Delay(3, null, Options, jitter: 0));
        Assert.True(DeliveryBackoff.Delay(3, null, Options, jitter: 0.999) < TimeSpan.FromSeconds(9.6));
    }

    [Fact]
    public void Retry_after_from_the_platform_wins()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), DeliveryBackoff.Delay(1, TimeSpan.FromSeconds(30), Options, jitter: 0.5));
    }
}
