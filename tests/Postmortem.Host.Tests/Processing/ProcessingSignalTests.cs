using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Processing;

public sealed class ProcessingSignalTests
{
    [Fact]
    public async Task Waiter_completes_only_after_a_pass_covering_its_poke()
    {
        var signal = new ProcessingSignal();
        signal.MarkCompleted(signal.Version);
        var version = signal.Poke();

        var waiting = signal.WhenCompletedAsync(version, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.MarkCompleted(version - 1);
        Assert.False(waiting.IsCompleted);

        signal.MarkCompleted(version);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Poke_wakes_a_waiting_loop()
    {
        var signal = new ProcessingSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None);

        signal.Poke();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
