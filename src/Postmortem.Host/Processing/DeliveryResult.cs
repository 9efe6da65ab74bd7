namespace Postmortem.Host.Processing;

/// <summary>What came of one delivery attempt.</summary>
/// <param name="MessageId">The platform's id of the message posted or updated, when there is one.</param>
/// <param name="RetryAfter">How long the platform asked us to wait before trying again (e.g. Slack's Retry-After).</param>
/// <param name="Permanent">Trying again cannot help (bad request, channel gone): give up now.</param>
public sealed record DeliveryResult(bool Succeeded, string? MessageId, string? Error, TimeSpan? RetryAfter, bool Permanent)
{
    public static DeliveryResult Delivered(string? messageId) => new(true, messageId, null, null, false);

    public static DeliveryResult Failed(string error, TimeSpan? retryAfter = null) => new(false, null, error, retryAfter, false);

    public static DeliveryResult Rejected(string error) => new(false, null, error, null, true);
}
