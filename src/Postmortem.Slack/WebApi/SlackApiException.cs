namespace Postmortem.Slack.WebApi;

/// <summary>Slack answered <c>ok: false</c> (or kept rate limiting after every retry).</summary>
public sealed class SlackApiException(string method, string error, TimeSpan? retryAfter = null)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method => method;

    /// <summary>Slack's error code, e.g. <c>not_in_channel</c>.</summary>
    public string Error => error;

    /// <summary>Set when Slack rate limited the call: how long it asked us to wait.</summary>
    public TimeSpan? RetryAfter => retryAfter;

    /// <summary>A sentence for the people in the channel, when the error has a known remedy.</summary>
    public string? UserHint => SlackErrorHints.For(error);

    /// <summary>Errors on Slack's side that may pass if tried again later.</summary>
    public bool IsTransient => retryAfter is not null || SlackErrorHints.IsTransient(error);
}
