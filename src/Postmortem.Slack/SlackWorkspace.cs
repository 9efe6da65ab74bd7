namespace Postmortem.Slack;

/// <summary>
/// The workspace the bot is installed in, as <c>auth.test</c> reported it: the address that links timeline entries
/// to their Slack messages (<c>https://team.slack.com/archives/C…/p…</c>), and the bot's own user, whose mentions are
/// addressed to it. Unknown until the start-up check has run.
/// </summary>
public sealed class SlackWorkspace
{
    private volatile string? _url;
    private volatile string? _botUserId;

    /// <summary>The bot's own user id (<c>U…</c>) as <c>auth.test</c> reported it; null until then.</summary>
    public string? BotUserId
    {
        get => _botUserId;
        set => _botUserId = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>The bot's own user id: <paramref name="options"/>' <c>BotUserId</c> when set, else <see cref="BotUserId"/>.</summary>
    internal string? BotUser(SlackOptions options) => string.IsNullOrEmpty(options.BotUserId) ? BotUserId : options.BotUserId;

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
