using Microsoft.Extensions.DependencyInjection;
using Postmortem.Host.Capture;
using Postmortem.Host.Playground;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Capture;

public sealed class RetentionJobTests
{
    [Fact]
    public async Task Unclaimed_messages_older_than_the_retention_are_purged()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Capture:RetentionDays"] = "7" });
        var client = host.Playground();
        await client.SayAsync("alice", "old chatter");
        var job = host.Services.GetRequiredService<RetentionJob>();

        // Advancing the clock also ticks the hourly timer, so the job may purge in the background too:
        // assert what is stored, not who deleted it.
        host.Time.Advance(TimeSpan.FromDays(6));
        await job.PurgeOnceAsync(CancellationToken.None);
        Assert.Single((await host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages);

        host.Time.Advance(TimeSpan.FromDays(2));
        await job.PurgeOnceAsync(CancellationToken.None);
        Assert.Empty((await host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task Zero_retention_keeps_no_unclaimed_message()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Capture:RetentionDays"] = "0" });
        await host.Playground().SayAsync("alice", "chatter");
        host.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await host.Services.GetRequiredService<RetentionJob>().PurgeOnceAsync(CancellationToken.None));
        Assert.Empty((await host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task Messages_of_a_started_postmortem_are_never_purged()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Capture:RetentionDays"] = "1" });
        var client = host.Playground();
        await client.SayAsync("alice", "db down");
        await client.SayAsync("alice", "/postmortem start DB outage");

        host.Time.Advance(TimeSpan.FromDays(30));
        await host.Services.GetRequiredService<RetentionJob>().PurgeOnceAsync(CancellationToken.None);

        Assert.Single((await host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages);
    }

    [Fact]
    public async Task Negative_retention_stops_the_host_at_start()
    {
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Capture:RetentionDays"] = "-1" });
        });
    }
}
