namespace Postmortem.Slack.WebApi;

/// <summary>User-facing remedies for well-known Web API errors, and which errors are worth retrying.</summary>
public static class SlackErrorHints
{
    public static string? For(string? error) => error switch
    {
        "not_in_channel" => "I'm not in this channel yet: invite me with `/invite @Postmortem`, then try again.",
        "channel_not_found" => "I can't see this channel: invite me with `/invite @Postmortem` (private channels need an invite), then try again.",
        "invalid_auth" or "not_authed" or "token_revoked" or "account_inactive" =>
            "My Slack token is not valid any more: ask an admin to reinstall the Postmortem app.",
        "ratelimited" => "Slack is rate limiting me; I'll try again shortly.",
        "missing_scope" => "The Postmortem app lacks a permission it needs: ask an admin to reinstall it from the manifest.",
        "is_archived" => "This channel is archived, so I can't post in it.",
        "msg_too_long" => "That message was too long for Slack.",
        _ => null,
    };

    /// <summary>Errors on Slack's side (not ours) that may pass if tried again later.</summary>
    public static bool IsTransient(string? error) =>
        error is "ratelimited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout";
}
