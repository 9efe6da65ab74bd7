namespace Postmortem.Teams.Outbound;

/// <summary>What one Bot Connector call came to.</summary>
/// <param name="StatusCode">The HTTP status; 0 when no request was sent (refused, network failure).</param>
/// <param name="Id">The activity id the connector answered with (for a new thread: the root message id).</param>
/// <param name="ConversationId">For a new thread: the thread's conversation id <c>{channel};messageid={root}</c>.</param>
/// <param name="RetryAfter">How long the connector asked us to wait, when it did.</param>
/// <param name="Permanent">Trying again cannot help.</param>
public sealed record ConnectorResponse(
    bool Succeeded,
    int StatusCode,
    string? Id,
    string? ConversationId,
    string? Error,
    TimeSpan? RetryAfter,
    bool Permanent)
{
    public static ConnectorResponse Failed(string error, bool permanent, int statusCode = 0, TimeSpan? retryAfter = null) =>
        new(false, statusCode, null, null, error, retryAfter, permanent);
}
