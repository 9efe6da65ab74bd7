using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Postmortem.Teams.Auth;

/// <summary>
/// The Bot Framework's signing keys, read from the OpenID metadata's <c>jwks_uri</c> with their endorsements,
/// cached for a day and refreshed early (at most every few minutes) when a token names an unknown key.
/// </summary>
internal sealed class BotFrameworkSigningKeys(
    IHttpClientFactory httpClientFactory,
    string metadataUrl,
    TimeProvider time,
    ILogger logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim refreshLock = new(1, 1);
    private volatile Snapshot? current;
    private long lastAttemptTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>The key named <paramref name="kid"/>, or null when the Bot Framework does not publish it.</summary>
    /// <exception cref="HttpRequestException">The keys could not be fetched and none are cached.</exception>
    public async Task<BotFrameworkSigningKey?> FindAsync(string kid, CancellationToken ct)
    {
        var snapshot = current;
        if (snapshot is null || time.GetUtcNow() - snapshot.FetchedAt >= RefreshInterval)
        {
            snapshot = await RefreshAsync(snapshot, ct);
        }

        if (snapshot.Keys.TryGetValue(kid, out var key))
        {
            return key;
        }

        if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref lastAttemptTicks) < UnknownKeyRefreshGap.Ticks)
        {
            return null;
        }

        snapshot = await RefreshAsync(snapshot, ct);
        return snapshot.Keys.GetValueOrDefault(kid);
    }

    private async Task<Snapshot> RefreshAsync(Snapshot? seen, CancellationToken ct)
    {
        await refreshLock.WaitAsync(ct);
        try
        {
            if (!ReferenceEquals(current, seen) && current is not null)
            {
                return current; // another request refreshed while this one waited
            }

            Interlocked.Exchange(ref lastAttemptTicks, time.GetUtcNow().UtcTicks);
            try
            {
                var keys = await FetchAsync(ct);
                current = new Snapshot(keys, time.GetUtcNow());
                logger.LogInformation("Bot Framework signing keys loaded: {Count} keys", keys.Count);
                return current;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException
                                      && !ct.IsCancellationRequested && current is not null)
            {
                logger.LogWarning(e, "Bot Framework signing keys could not be refreshed; keeping the cached ones");
                return current;
            }
        }
        finally
        {
            refreshLock.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, BotFrameworkSigningKey>> FetchAsync(CancellationToken ct)
    {
        var client = httpClientFactory.CreateClient(BotFrameworkTokenValidator.HttpClientName);
        using var metadata = await client.GetFromJsonAsync<JsonDocument>(metadataUrl, ct)
            ?? throw new JsonException("the OpenID metadata is empty");
        if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwksUri) || jwksUri.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(new Uri(metadataUrl), jwksUri.GetString(), out var keysUrl))
        {
            throw new JsonException("the OpenID metadata has no jwks_uri");
        }

        using var jwks = await client.GetFromJsonAsync<JsonDocument>(keysUrl, ct)
            ?? throw new JsonException("the key set is empty");
        if (!jwks.RootElement.TryGetProperty("keys", out var keyArray) || keyArray.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("the key set has no keys array");
        }

        var keys = new Dictionary<string, BotFrameworkSigningKey>(StringComparer.Ordinal);
        foreach (var element in keyArray.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || !element.TryGetProperty("kty", out var kty) || kty.GetString() != JsonWebAlgorithmsKeyTypes.RSA)
            {
                continue;
            }

            var endorsements = new List<string>();
            if (element.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements.AddRange(list.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!));
            }

            keys[kid.GetString()!] = new BotFrameworkSigningKey(new JsonWebKey(element.GetRawText()), endorsements);
        }

        return keys;
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, BotFrameworkSigningKey> Keys, DateTimeOffset FetchedAt);
}
