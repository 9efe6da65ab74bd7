using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Postmortem.Slack.WebApi;

/// <summary>
/// The retry pipeline of the "slack-api" client: HTTP 429 waits exactly Slack's <c>Retry-After</c>, 5xx and network
/// failures back off exponentially with jitter; <c>ok: false</c> answers (HTTP 200) pass through untouched.
/// </summary>
public static class SlackResilience
{
    public const string PipelineName = "slack-api-retry";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SlackRetrySettings settings, TimeProvider time)
    {
        builder.TimeProvider = time;
        if (settings.MaxRetryAttempts < 1)
        {
            return;
        }

        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.Delay,
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay(args.Outcome.Result)),
        });
    }

    /// <summary>For a 429, exactly the wait Slack asked for (1 s when it did not say); null lets the backoff decide.</summary>
    public static TimeSpan? RetryAfterDelay(HttpResponseMessage? response) =>
        response?.StatusCode == HttpStatusCode.TooManyRequests
            ? SlackApiTransport.RetryAfter(response) ?? TimeSpan.FromSeconds(1)
            : null;
}
