namespace Postmortem.Teams;

/// <summary>The "Teams" configuration section: Bot Framework credentials, Microsoft's endpoints and inbound limits.</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    private string? tokenEndpoint;

    /// <summary>The bot's Microsoft App ID; inbound tokens must be issued for it. Without it every request is refused.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>The Entra tenant the bot's app registration lives in (single-tenant bots).</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework's signing keys are announced.</summary>
    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>
    /// Where the bot gets its outbound token; by default Entra's endpoint for <see cref="TenantId"/>
    /// (the multi-tenant "botframework.com" tenant when no TenantId is set).
    /// </summary>
    public string TokenEndpoint
    {
        get => tokenEndpoint ?? $"https://login.microsoftonline.com/{(string.IsNullOrEmpty(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token";
        set => tokenEndpoint = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Hosts allowed as <c>serviceUrl</c> besides Microsoft's own (comma-separated); plain http only for loopback.</summary>
    public string? AllowedServiceUrlHosts { get; set; }

    /// <summary>The largest activity body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
