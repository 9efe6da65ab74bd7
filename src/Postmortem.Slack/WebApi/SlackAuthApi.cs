namespace Postmortem.Slack.WebApi;

/// <summary><c>auth.test</c>: who the bot token belongs to; the first success is remembered.</summary>
public sealed class SlackAuthApi(SlackApiTransport transport)
{
    private SlackAuthTestResponse? _identity;

    [SlackMethod(SlackMethods.AuthTest)]
    public async Task<SlackAuthTestResponse> TestAsync(CancellationToken ct)
    {
        if (_identity is { } known)
        {
            return known;
        }

        var identity = await transport.PostFormAsync<SlackAuthTestResponse>(SlackMethods.AuthTest, [], ct).ConfigureAwait(false);
        _identity = identity;
        return identity;
    }
}
