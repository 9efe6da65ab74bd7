using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Gets the bot's Bot Connector token (Entra client credentials, scope <see cref="Scope"/>) and keeps it until shortly
/// before it expires; one refresh at a time.
/// </summary>
public sealed class BotTokenProvider : IDisposable
{
    public const string HttpClientName = "teams-token";

    public const string Scope = "https://api.botframework.com/.default";

    /// <summary>How long before <c>expires_in</c> runs out a token is replaced.</summary>
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory httpClientFactory;
    private readonly IOptions<TeamsOptions> options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim refresh = new(1, 1);
    private volatile CachedToken? cached;

    public BotTokenProvider(IHttpClientFactory httpClientFactory, IOptions<TeamsOptions> options, TimeProvider time)
    {
        this.httpClientFactory = httpClientFactory;
        this.options = options;
        this.time = time;
    }

    /// <summary>A valid access token; throws <see cref="BotTokenException"/> when Entra refuses or cannot be reached.</summary>
    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (cached is { } token && time.GetUtcNow() < token.RefreshAt)
        {
            return token.AccessToken;
        }

        await refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.RefreshAt)
            {
                return again.AccessToken;
            }

            var fresh = await FetchAsync(ct).ConfigureAwait(false);
            cached = fresh;
            return fresh.AccessToken;
        }
        finally
        {
            refresh.Release();
        }
    }

    /// <summary>Forgets the cached token (the connector said 401), so the next call fetches a new one.</summary>
    public void Invalidate() => cached = null;

    public void Dispose() => refresh.Dispose();

    private async Task<CachedToken> FetchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppPassword))
        {
            throw new BotTokenException("Teams:AppId and Teams:AppPassword must be set to send messages", permanent: true);
        }

        using var form = new FormUrlEncodedContent(
        [
            new("grant_type", "client_credentials"),
            new("client_id", settings.AppId),
            new("client_secret", settings.AppPassword),
            new("scope", Scope),
        ]);

        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(settings.TokenEndpoint, form, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new BotTokenException($"token endpoint unreachable: {e.Message}", permanent: false);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var permanent = status is 400 or 401 or 403;
                throw new BotTokenException($"token endpoint answered {status}", permanent);
            }

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(body?.AccessToken) || body.ExpiresIn <= 0)
            {
                throw new BotTokenException("token endpoint answered without access_token or expires_in", permanent: false);
            }

            var lifetime = TimeSpan.FromSeconds(body.ExpiresIn);
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            return new CachedToken(body.AccessToken, time.GetUtcNow() + lifetime - margin);
        }
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RefreshAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
