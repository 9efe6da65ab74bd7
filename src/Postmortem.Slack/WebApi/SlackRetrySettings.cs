namespace Postmortem.Slack.WebApi;

/// <summary>How the "slack-api" client retries 5xx and network failures (429 always waits Slack's Retry-After).</summary>
/// <param name="MaxRetryAttempts">Retries after the first try.</param>
/// <param name="BaseDelay">The first backoff; it doubles each time, with jitter.</param>
public sealed record SlackRetrySettings(int MaxRetryAttempts = 3, TimeSpan? BaseDelay = null)
{
    public TimeSpan Delay => BaseDelay ?? TimeSpan.FromSeconds(1);
}
