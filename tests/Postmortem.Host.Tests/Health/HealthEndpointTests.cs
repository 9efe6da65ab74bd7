using System.Net;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Liveness_answers_ok()
    {
        await using var host = await HostFixture.StartAsync();
        using var response = await host.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_answers_ok_once_the_store_is_migrated()
    {
        await using var host = await HostFixture.StartAsync();
        using var response = await host.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await host.Store.CanConnectAsync(CancellationToken.None));
    }
}
