namespace Postmortem.Teams.Outbound;

/// <summary>What came of one attempt to carry out an action in Teams.</summary>
/// <param name="MessageId">The activity id of the message posted or updated (for a new thread: its root; when content took several messages: the first).</param>
/// <param name="RetryAfter">How long the Bot Connector asked us to wait (HTTP 429 Retry-After).</param>
/// <param name="Permanent">Trying again cannot help: give up now.</param>
public sealed record TeamsDeliveryResult(bool Succeeded, string? MessageId, string? Error, TimeSpan? RetryAfter, bool Permanent)
{
    public static TeamsDeliveryResult Delivered(string? messageId) => new(true, messageId, null, null, false);

    public static TeamsDeliveryResult Retry(string error, TimeSpan? retryAfter = null) => new(false, null, error, retryAfter, false);

    public static TeamsDeliveryResult Rejected(string error) => new(false, null, error, null, true);

    internal static TeamsDeliveryResult From(ConnectorResponse failed) =>
        new(false, null, failed.Error, failed.RetryAfter, failed.Permanent);
}
