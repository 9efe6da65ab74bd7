namespace Postmortem.Slack;

/// <summary>The "Slack" configuration section: credentials, API address and inbound limits.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    /// <summary>Signs every HTTP request Slack sends; without it every request is refused.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (<c>xoxb-…</c>) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>); when set, events arrive over Socket Mode.</summary>
    public string? AppToken { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>The bot's own user id (<c>U…</c>); its messages are marked as the bot's own.</summary>
    public string? BotUserId { get; set; }

    /// <summary>The bot's own bot id (<c>B…</c>); its messages are marked as the bot's own.</summary>
    public string? BotId { get; set; }

    /// <summary>The largest request body (or Socket Mode frame) accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
