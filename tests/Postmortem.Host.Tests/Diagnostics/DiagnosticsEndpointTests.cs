using System.Net;
using System.Text.Json;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Diagnostics;

public class DiagnosticsEndpointTests
{
    [Theory]
    [InlineData("/diagnostics/inbox-count")]
    [InlineData("/diagnostics/runtime")]
    public async Task Diagnostics_are_not_served_unless_enabled(string path)
    {
        await using var off = await HostFixture.StartAsync();
        using var hidden = await off.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Inbox_count_counts_posted_messages_and_commands()
    {
        await using var on = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Diagnostics:Enabled"] = "true" });
        var channel = on.Playground();
        await channel.SayAsync("bob", "seeing 500s");
        await channel.SayAsync("alice", "/postmortem help");

        using var counts = JsonDocument.Parse(await on.CreateClient().GetStringAsync("/diagnostics/inbox-count"));
        Assert.Equal(1, counts.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(1, counts.RootElement.GetProperty("commands").GetInt64());
    }

    [Fact]
    public async Task Runtime_figures_count_up_with_the_work_done()
    {
        await using var on = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Diagnostics:Enabled"] = "true" });
        var client = on.CreateClient();
        using var before = JsonDocument.Parse(await client.GetStringAsync("/diagnostics/runtime"));
        await on.Playground().SayAsync("bob", "seeing 500s");
        using var after = JsonDocument.Parse(await client.GetStringAsync("/diagnostics/runtime"));

        Assert.True(
            after.RootElement.GetProperty("allocatedBytes").GetInt64() > before.RootElement.GetProperty("allocatedBytes").GetInt64(),
            "storing a message allocates");
        foreach (var name in new[] { "gen0Collections", "gen1Collections", "gen2Collections", "gcPauseMs", "cpuMs" })
        {
            Assert.True(after.RootElement.GetProperty(name).GetDouble() >= before.RootElement.GetProperty(name).GetDouble(), name);
        }

        // The working set is a gauge, not a counter: the OS may trim it between the two reads.
        Assert.True(after.RootElement.GetProperty("workingSetBytes").GetInt64() > 0);
    }
}
