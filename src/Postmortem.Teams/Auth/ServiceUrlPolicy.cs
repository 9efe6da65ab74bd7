using Microsoft.Extensions.Options;

namespace Postmortem.Teams.Auth;

/// <summary>
/// Which <c>serviceUrl</c>s the bot will talk to (and send its token to): https on Microsoft's Bot Framework hosts,
/// plus <see cref="TeamsOptions.AllowedServiceUrlHosts"/>; plain http only for loopback hosts.
/// </summary>
public sealed class ServiceUrlPolicy
{
    /// <summary>Microsoft's hosts: each allows itself and its subdomains.</summary>
    public static IReadOnlyList<string> MicrosoftHosts { get; } =
    [
        "smba.trafficmanager.net",
        "botframework.com",
        "botapi.skype.com",
        "teams.microsoft.com",
        "teams.microsoft.us",
        "botframework.azure.us",
        "botframework.azure.cn",
    ];

    private readonly string[] extraHosts;

    public ServiceUrlPolicy(IOptions<TeamsOptions> options)
    {
        extraHosts = (options.Value.AllowedServiceUrlHosts ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>True when the bot may call (and send its token to) <paramref name="serviceUrl"/>.</summary>
    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var host = uri.IdnHost;
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            return uri.IsLoopback && extraHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase)
                || string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase));
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        return MicrosoftHosts.Any(h => Matches(host, h)) || extraHosts.Any(h => Matches(host, h));
    }

    private static bool Matches(string host, string allowed) =>
        string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase)
        || host.EndsWith("." + allowed, StringComparison.OrdinalIgnoreCase);
}
