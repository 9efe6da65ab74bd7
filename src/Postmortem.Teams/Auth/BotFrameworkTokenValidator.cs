using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Postmortem.Teams.Auth;

/// <summary>
/// Checks the <c>Authorization: Bearer</c> token the Bot Framework puts on every inbound activity: RS256 signature by a
/// published Bot Framework key, issuer, audience (our App ID), lifetime (5 minutes' skew, by <see cref="TimeProvider"/>),
/// and that it covers the activity (its <c>serviceurl</c> claim, and a key endorsed for the activity's channel).
/// </summary>
public sealed class BotFrameworkTokenValidator
{
    /// <summary>The named HttpClient the OpenID metadata and keys are fetched with.</summary>
    public const string HttpClientName = "teams-openid";

    public const string Issuer = "https://api.botframework.com";

    public const string ServiceUrlClaim = "serviceurl";

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string BearerPrefix = "Bearer ";

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private readonly string? appId;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly BotFrameworkSigningKeys keys;

    public BotFrameworkTokenValidator(
        IHttpClientFactory httpClientFactory,
        IOptions<TeamsOptions> options,
        TimeProvider time,
        ILogger<BotFrameworkTokenValidator> logger)
    {
        appId = string.IsNullOrWhiteSpace(options.Value.AppId) ? null : options.Value.AppId;
        this.time = time;
        this.logger = logger;
        keys = new BotFrameworkSigningKeys(httpClientFactory, options.Value.OpenIdMetadataUrl, time, logger);
    }

    /// <summary>Checks the token and that it covers an activity with this <c>serviceUrl</c> and <c>channelId</c>.</summary>
    public async Task<BotFrameworkAuthResult> ValidateAsync(
        string? authorizationHeader, string? serviceUrl, string? channelId, CancellationToken ct)
    {
        var token = await ValidateTokenAsync(authorizationHeader, ct);
        return token.IsValid ? CheckActivity(token, serviceUrl, channelId) : token;
    }

    /// <summary>Checks the token alone (signature, issuer, audience, lifetime); see <see cref="CheckActivity"/>.</summary>
    public async Task<BotFrameworkAuthResult> ValidateTokenAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (appId is null)
        {
            return BotFrameworkAuthResult.Unauthorized("Teams:AppId is not configured; every request is refused");
        }

        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return BotFrameworkAuthResult.Unauthorized("no Authorization header");
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return BotFrameworkAuthResult.Unauthorized("the Authorization header is not a Bearer token");
        }

        var raw = authorizationHeader[BearerPrefix.Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = handler.ReadJsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException)
        {
            return BotFrameworkAuthResult.Unauthorized("the bearer token is not a well-formed JWT");
        }

        if (jwt.Alg != SecurityAlgorithms.RsaSha256)
        {
            return BotFrameworkAuthResult.Unauthorized($"the token's algorithm {jwt.Alg} is not RS256");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return BotFrameworkAuthResult.Unauthorized("the token names no signing key (kid)");
        }

        BotFrameworkSigningKey? key;
        try
        {
            key = await keys.FindAsync(jwt.Kid, ct);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException
                                  || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning(e, "Bot Framework signing keys could not be fetched");
            return new BotFrameworkAuthResult(BotFrameworkAuthStatus.Unavailable, "the signing keys could not be fetched");
        }

        if (key is null)
        {
            return BotFrameworkAuthResult.Unauthorized("the token is signed by a key the Bot Framework does not publish");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = appId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => LifetimeProblem(notBefore, expires) is null,
        };

        var result = await handler.ValidateTokenAsync(jwt, parameters);
        if (!result.IsValid)
        {
            return BotFrameworkAuthResult.Unauthorized(Describe(result.Exception, jwt));
        }

        var serviceUrlClaim = jwt.TryGetPayloadValue<string>(ServiceUrlClaim, out var claim) ? claim : null;
        return new BotFrameworkAuthResult(BotFrameworkAuthStatus.Valid, "valid")
        {
            ServiceUrlClaim = serviceUrlClaim,
            Endorsements = key.Endorsements,
        };
    }

    /// <summary>Checks that a valid token covers an activity: same <c>serviceUrl</c>, key endorsed for its channel.</summary>
    public static BotFrameworkAuthResult CheckActivity(BotFrameworkAuthResult token, string? serviceUrl, string? channelId)
    {
        if (!token.IsValid)
        {
            return token;
        }

        if (string.IsNullOrEmpty(token.ServiceUrlClaim))
        {
            return BotFrameworkAuthResult.Forbidden("the token has no serviceurl claim");
        }

        if (string.IsNullOrEmpty(serviceUrl) || !SameServiceUrl(token.ServiceUrlClaim, serviceUrl))
        {
            return BotFrameworkAuthResult.Forbidden("the token's serviceurl claim does not match the activity's serviceUrl");
        }

        if (string.IsNullOrEmpty(channelId))
        {
            return BotFrameworkAuthResult.Forbidden("the activity has no channelId");
        }

        if (!token.Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase))
        {
            return BotFrameworkAuthResult.Forbidden($"the signing key is not endorsed for channel {channelId}");
        }

        return token;
    }

    private static bool SameServiceUrl(string claim, string serviceUrl) =>
        string.Equals(claim.TrimEnd('/'), serviceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the token is within its lifetime (with skew) by the injected clock; else why not.</summary>
    private string? LifetimeProblem(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow();
        if (expires is null)
        {
            return "the token has no expiry";
        }

        if (now - ClockSkew >= new DateTimeOffset(DateTime.SpecifyKind(expires.Value, DateTimeKind.Utc)))
        {
            return "the token has expired";
        }

        if (notBefore is { } nbf && now + ClockSkew < new DateTimeOffset(DateTime.SpecifyKind(nbf, DateTimeKind.Utc)))
        {
            return "the token is not valid yet";
        }

        return null;
    }

    private string Describe(Exception? exception, JsonWebToken jwt) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException
            or SecurityTokenNoExpirationException =>
            LifetimeProblem(NullIfMin(jwt.ValidFrom), NullIfMin(jwt.ValidTo)) ?? "the token's lifetime is invalid",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the Bot Framework",
        SecurityTokenInvalidAudienceException => "the token's audience is not this bot's App ID",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        null => "the token is invalid",
        _ => $"the token is invalid ({exception.GetType().Name})",
    };

    private static DateTime? NullIfMin(DateTime value) => value == DateTime.MinValue ? null : value;
}
