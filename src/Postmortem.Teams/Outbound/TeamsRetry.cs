using Polly;

namespace Postmortem.Teams.Outbound;

/// <summary>Which Bot Connector answers are worth retrying, and how long the connector asked us to wait.</summary>
internal static class TeamsRetry
{
    /// <summary>A Retry-After longer than this is not waited for in-process; the caller gets it back instead.</summary>
    public static readonly TimeSpan MaxInProcessWait = TimeSpan.FromSeconds(30);

    public static bool IsTransientStatus(int status) => status is 429 or 412 or 502 or 503 or 504;

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException or TimeoutException)
        {
            return true;
        }

        if (outcome.Result is not { } response || !IsTransientStatus((int)response.StatusCode))
        {
            return false;
        }

        return RetryAfter(response) is not { } wait || wait <= MaxInProcessWait;
    }

    /// <summary>The Retry-After header as a span from now (date form measured against <paramref name="now"/>).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset? now = null)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && now is { } current)
        {
            var wait = date - current;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
