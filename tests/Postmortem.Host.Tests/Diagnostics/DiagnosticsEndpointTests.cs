using System.Net;
using System.Text.Json;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Diagnostics;

public class DiagnosticsEndpointTests
{
    [Fact]
    public async Task Inbox_count_is_served_only_when_diagnostics_are_enabled()
    {
        await using var off = await HostFixture.StartAsync();
        using var hidden = await off.CreateClient().GetAsync("/diagnostics/inbox-count");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        await using var on = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Diagnostics:Enabled"] = "true" });
        var channel = on.Playground();
        await channel.SayAsync("bob", "seeing 500s");
        await channel.SayAsync("alice", "/postmortem help");

        using var counts = JsonDocument.Parse(await on.CreateClient().GetStringAsync("/diagnostics/inbox-count"));
        Assert.Equal(1, counts.RootElement.GetProperty("events").GetInt64());
        Assert.Equal(1, counts.RootElement.GetProperty("commands").GetInt64());
    }
}
