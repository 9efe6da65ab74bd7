namespace Postmortem.Teams.Outbound;

/// <summary>Outbound settings read from the "Teams" section besides <see cref="TeamsOptions"/>.</summary>
public sealed class TeamsOutboundOptions
{
    /// <summary>
    /// Where the Host serves the web view (e.g. <c>https://pm.example.com</c>); cards link to
    /// <c>{PublicBaseUrl}/postmortems/{id}</c>. Unset: no link, and cards say the document is on the web view.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Messages a conversation thread may take at once before sends are spaced out.</summary>
    public int SendBurst { get; set; } = 7;

    /// <summary>Steady rate per conversation thread once the burst is used (Teams allows about 60 per 30 seconds).</summary>
    public double SendsPerSecond { get; set; } = 2;

    /// <summary>The web view of a postmortem, or null when <see cref="PublicBaseUrl"/> is not set.</summary>
    public string? PostmortemUrl(string sessionId) =>
        string.IsNullOrWhiteSpace(PublicBaseUrl)
            ? null
            : $"{PublicBaseUrl.TrimEnd('/')}/postmortems/{Uri.EscapeDataString(sessionId)}";
}
