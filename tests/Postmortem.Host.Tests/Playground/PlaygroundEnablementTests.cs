using System.Net;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Playground;

public sealed class PlaygroundEnablementTests
{
    [Fact]
    public async Task Playground_is_off_when_slack_is_configured()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Playground:Enabled"] = null,
            ["Slack:BotToken"] = "xoxb-test",
        });

        using var page = await host.CreateClient().GetAsync("/");
        using var api = await host.CreateClient().GetAsync("/playground/api/messages");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task Playground_can_be_forced_on_next_to_slack()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Playground:Enabled"] = "true",
            ["Slack:BotToken"] = "xoxb-test",
        });

        using var api = await host.CreateClient().GetAsync("/playground/api/messages");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Playground_is_on_when_no_platform_is_configured()
    {
        await using var host = await HostFixture.StartAsync(new Dictionary<string, string?> { ["Playground:Enabled"] = null });

        using var api = await host.CreateClient().GetAsync("/playground/api/messages");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }
}
