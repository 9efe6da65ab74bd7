using Microsoft.Extensions.Options;
using Postmortem.Teams.Auth;

namespace Postmortem.Teams.Tests.Auth;

public sealed class ServiceUrlPolicyTests
{
    private readonly ServiceUrlPolicy policy = new(Options.Create(new TeamsOptions { AllowedServiceUrlHosts = "127.0.0.1, bots.example.org" }));

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer/56653e9d-2158-46ee-90d7-675c39642038/")]
    [InlineData("https://skype.botframework.com")]
    [InlineData("https://canary.botapi.skype.com/amer/")]
    [InlineData("https://bots.example.org/api/")]
    [InlineData("http://127.0.0.1:5123/")]
    public void Microsoft_hosts_and_configured_hosts_are_allowed(string serviceUrl) =>
        Assert.True(policy.IsAllowed(serviceUrl));

    [Theory]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/")]
    [InlineData("https://evilsmba.trafficmanager.net/")]
    [InlineData("https://attacker.example.com/")]
    [InlineData("http://bots.example.org/")]
    [InlineData("http://127.0.0.2:5123/")]
    [InlineData("https://user:pw@smba.trafficmanager.net/")]
    [InlineData("/relative")]
    [InlineData(null)]
    public void Other_hosts_and_plain_http_beyond_loopback_are_refused(string? serviceUrl) =>
        Assert.False(policy.IsAllowed(serviceUrl));
}
