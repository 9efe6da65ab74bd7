namespace Postmortem.Slack.WebApi;

/// <summary><c>reactions.get</c>: the reactions on one message.</summary>
public sealed class SlackReactionsApi(SlackApiTransport transport)
{
    [SlackMethod(SlackMethods.ReactionsGet)]
    public Task<SlackReactionsResponse> GetAsync(string channel, string ts, CancellationToken ct) =>
        transport.PostFormAsync<SlackReactionsResponse>(
            SlackMethods.ReactionsGet,
            [new("channel", channel), new("timestamp", ts), new("full", "true")],
            ct);
}
