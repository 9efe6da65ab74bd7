using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Postmortem.Teams.Auth;

namespace Postmortem.Teams.Tests.Auth;

/// <summary>
/// A stand-in for login.botframework.com on 127.0.0.1: serves OpenID metadata and a JWKS with endorsements for RSA
/// keys made here, and mints tokens the way the Bot Framework does.
/// </summary>
internal sealed class LoopbackBotFramework : IAsyncDisposable
{
    public const string AppId = "postmortem-app-id";
    public const string TeamsKid = "teams-key";
    public const string SkypeOnlyKid = "skype-only-key";
    public const string UnpublishedKid = "unpublished-key";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (RSA Rsa, string[] Endorsements)> published = new();
    private readonly ConcurrentDictionary<string, RSA> allKeys = new();
    private int metadataRequests;
    private int keysRequests;

    private LoopbackBotFramework(WebApplication app)
    {
        this.app = app;
    }

    public string MetadataUrl { get; private set; } = string.Empty;

    public int MetadataRequests => Volatile.Read(ref metadataRequests);

    public int KeysRequests => Volatile.Read(ref keysRequests);

    public static async Task<LoopbackBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackBotFramework(app);
        server.Publish(TeamsKid, "msteams");
        server.Publish(SkypeOnlyKid, "skype");
        server.allKeys[UnpublishedKid] = RSA.Create(2048);

        app.MapGet("/v1/.well-known/openidconfiguration", (HttpContext context) =>
        {
            Interlocked.Increment(ref server.metadataRequests);
            return Results.Json(new JsonObject
            {
                ["issuer"] = BotFrameworkTokenValidator.Issuer,
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/v1/.well-known/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        });
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref server.keysRequests);
            var keys = new JsonArray();
            foreach (var (kid, (rsa, endorsements)) in server.published)
            {
                var p = rsa.ExportParameters(includePrivateParameters: false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = kid,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
                });
            }

            return Results.Json(new JsonObject { ["keys"] = keys });
        });

        await app.StartAsync();
        server.MetadataUrl = $"{app.Urls.First()}/v1/.well-known/openidconfiguration";
        return server;
    }

    /// <summary>Makes (or re-endorses) a key and lists it in the JWKS.</summary>
    public void Publish(string kid, params string[] endorsements)
    {
        var rsa = allKeys.GetOrAdd(kid, _ => RSA.Create(2048));
        published[kid] = (rsa, endorsements);
    }

    /// <summary>A token as the Bot Framework signs it for an activity to our bot.</summary>
    public string Mint(
        DateTimeOffset issuedAt,
        string kid = TeamsKid,
        string issuer = BotFrameworkTokenValidator.Issuer,
        string audience = AppId,
        string? serviceUrl = ServiceUrl,
        TimeSpan? lifetime = null,
        DateTimeOffset? notBefore = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var rsa = allKeys.GetOrAdd(kid, _ => RSA.Create(2048));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = (notBefore ?? issuedAt).UtcDateTime,
            Expires = (issuedAt + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = serviceUrl is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid }, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var rsa in allKeys.Values)
        {
            rsa.Dispose();
        }
    }
}
