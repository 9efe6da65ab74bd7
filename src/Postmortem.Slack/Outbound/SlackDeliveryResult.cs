namespace Postmortem.Slack.Outbound;

/// <summary>What came of one attempt to carry out an action in Slack.</summary>
/// <param name="MessageId">The ts of the message posted or updated (the first one, when content took several).</param>
/// <param name="RetryAfter">How long Slack asked us to wait (HTTP 429 Retry-After).</param>
/// <param name="Permanent">Trying again cannot help: give up now.</param>
/// <param name="UserHint">What the people in the channel can do about it (e.g. invite the bot), when known.</param>
public sealed record SlackDeliveryResult(
    bool Succeeded,
    string? MessageId,
    string? Error,
    TimeSpan? RetryAfter,
    bool Permanent,
    string? UserHint)
{
    public static SlackDeliveryResult Delivered(string? messageId) => new(true, messageId, null, null, false, null);

    public static SlackDeliveryResult Retry(string error, TimeSpan? retryAfter = null, string? userHint = null) =>
        new(false, null, error, retryAfter, false, userHint);

    public static SlackDeliveryResult Rejected(string error, string? userHint = null) => new(false, null, error, null, true, userHint);
}
