namespace Postmortem.Slack;

/// <summary>
/// The workspace the bot is installed in, as <c>auth.test</c> reported it; used to link timeline entries to their
/// Slack messages (<c>https://team.slack.com/archives/C…/p…</c>). Unknown until the start-up check has run.
/// </summary>
public sealed class SlackWorkspace
{
    private volatile string? _url;

    /// <summary>The workspace address with a trailing slash, e.g. <c>https://acme.slack.com/</c>.</summary>
    public string? Url
    {
        get => _url;
        set => _url = string.IsNullOrWhiteSpace(value) ? null : value.TrimEnd('/') + "/";
    }

    /// <summary>The permalink of a message, or null while the workspace address is unknown.</summary>
    public string? MessageLink(string channelId, string ts, string? threadTs = null)
    {
        if (_url is not { } url)
        {
            return null;
        }

        var link = $"{url}archives/{channelId}/p{ts.Replace(".", "", StringComparison.Ordinal)}";
        return threadTs is null || threadTs == ts ? link : $"{link}?thread_ts={threadTs}&cid={channelId}";
    }
}
