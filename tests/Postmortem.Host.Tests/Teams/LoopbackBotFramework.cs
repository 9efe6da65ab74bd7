using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Postmortem.Host.Tests.Teams;

/// <summary>
/// Microsoft's side of a Teams bot on one loopback Kestrel server: the Bot Framework's OpenID metadata and signing keys
/// (an RSA key made here, endorsed for <c>msteams</c>), Entra's client-credentials token endpoint, and the Bot Connector
/// REST API the bot posts and updates its cards with. Every connector call is recorded with its Authorization header.
/// </summary>
public sealed class LoopbackBotFramework : IAsyncDisposable
{
    public const string AppId = "5f0c2a4e-7d1b-4c8e-9a3f-postmortem01";
    public const string AppPassword = "loopback-app-password";
    public const string BotId = "28:" + AppId;
    public const string BotName = "Postmortem";
    public const string KeyId = "loopback-teams-key";

    private readonly Lock _gate = new();
    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _unpublished = RSA.Create(2048);
    private readonly List<ConnectorRequest> _requests = [];
    private readonly List<ConnectorMessage> _messages = [];
    private readonly List<string> _issuedTokens = [];
    private long _nextId = 1795165200000;
    private volatile bool _refuseConnector;

    private LoopbackBotFramework(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>The <c>serviceUrl</c> activities carry (Teams' always ends with a slash).</summary>
    public string ServiceUrl => BaseUrl + "/";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public string TokenEndpoint => BaseUrl + "/botframework.com/oauth2/v2.0/token";

    /// <summary>While true the connector answers every call 401 (the bot's token refused), as after a credential mix-up.</summary>
    public bool RefuseConnector
    {
        get => _refuseConnector;
        set => _refuseConnector = value;
    }

    /// <summary>The access tokens the token endpoint handed out, in order.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return _issuedTokens.ToList();
            }
        }
    }

    /// <summary>Every Bot Connector call, in order.</summary>
    public IReadOnlyList<ConnectorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Every message the bot posted, oldest first.</summary>
    public IReadOnlyList<ConnectorMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToList();
            }
        }
    }

    public static async Task<LoopbackBotFramework> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackBotFramework(app);
        app.MapGet("/v1/.well-known/openidconfiguration", server.Metadata);
        app.MapGet("/v1/.well-known/keys", server.Keys);
        app.MapPost("/botframework.com/oauth2/v2.0/token", server.TokenAsync);
        app.MapPost("/v3/conversations", (HttpRequest request) => server.ConnectorAsync(request, null, null));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest request, string conversationId) =>
            server.ConnectorAsync(request, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request, string conversationId, string activityId) =>
            server.ConnectorAsync(request, conversationId, activityId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest request, string conversationId, string activityId) =>
            server.ConnectorAsync(request, conversationId, activityId));
        await app.StartAsync();
        return server;
    }

    /// <summary>The bot's messages whose card text contains <paramref name="text"/>.</summary>
    public IReadOnlyList<ConnectorMessage> MessagesWith(string text) =>
        Messages.Where(m => m.Text.Contains(text, StringComparison.Ordinal)).ToList();

    /// <summary>
    /// A token as the Bot Framework signs it for an activity to the bot: RS256 by the published key (or by a key it
    /// never published), issuer <c>https://api.botframework.com</c>, valid five minutes either side of <paramref name="now"/>.
    /// </summary>
    public string Mint(DateTimeOffset now, string? serviceUrl = null, string audience = AppId, bool publishedKey = true)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.AddMinutes(-5).UtcDateTime,
            Expires = now.AddMinutes(55).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl },
            SigningCredentials = new SigningCredentials(
                new RsaSecurityKey(publishedKey ? _key : _unpublished) { KeyId = KeyId },
                SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _unpublished.Dispose();
    }

    private IResult Metadata() => Results.Json(new JsonObject
    {
        ["issuer"] = "https://api.botframework.com",
        ["authorization_endpoint"] = "https://invalid.botframework.com",
        ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    });

    private IResult Keys()
    {
        var key = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(key.Modulus),
                ["e"] = Base64UrlEncoder.Encode(key.Exponent),
                ["endorsements"] = new JsonArray("msteams"),
            }),
        });
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["client_secret"] != AppPassword
            || form["scope"] != "https://api.botframework.com/.default")
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        string token;
        lock (_gate)
        {
            token = "loopback-bot-token-" + (_issuedTokens.Count + 1).ToString(CultureInfo.InvariantCulture);
            _issuedTokens.Add(token);
        }

        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["ext_expires_in"] = 3600,
            ["access_token"] = token,
        });
    }

    private async Task<IResult> ConnectorAsync(HttpRequest request, string? conversationId, string? activityId)
    {
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        var authorization = request.Headers.Authorization.ToString();
        var method = request.Method;
        lock (_gate)
        {
            var (status, answer) = !RefuseConnector && _issuedTokens.Any(t => authorization == "Bearer " + t)
                ? Answer(method, conversationId, activityId, body)
                : (StatusCodes.Status401Unauthorized, Error("Unauthorized", "Authorization has been denied for this request."));
            _requests.Add(new ConnectorRequest(
                method, request.Path.ToString(), conversationId, activityId, authorization, body, status));
            return Results.Json(answer, statusCode: status);
        }
    }

    private (int Status, JsonObject Answer) Answer(string method, string? conversationId, string? activityId, JsonObject body)
    {
        if (method == HttpMethods.Put)
        {
            var target = _messages.Find(m => m.Id == activityId && m.ConversationId == conversationId);
            if (target is null)
            {
                return (StatusCodes.Status404NotFound, Error("ActivityNotFoundInConversation", "Unknown activity"));
            }

            target.Card = CardOf(body);
            target.Updates++;
            return (StatusCodes.Status200OK, new JsonObject { ["id"] = activityId });
        }

        var id = NextId();
        if (conversationId is null)
        {
            // A new top-level post in a channel: its id is the root of its own reply chain.
            var channel = body["channelData"]?["channel"]?["id"]?.GetValue<string>();
            if (body["isGroup"]?.GetValue<bool>() != true || channel is null || body["activity"] is not JsonObject activity)
            {
                return (StatusCodes.Status400BadRequest, Error("BadSyntax", "Incorrect conversation creation parameters"));
            }

            var chain = $"{channel};messageid={id}";
            _messages.Add(new ConnectorMessage { Id = id, ConversationId = chain, Card = CardOf(activity) });
            return (StatusCodes.Status201Created, new JsonObject { ["id"] = chain, ["activityId"] = id });
        }

        var root = activityId ?? RootOf(conversationId);
        _messages.Add(new ConnectorMessage { Id = id, ConversationId = conversationId, ReplyToId = root, Card = CardOf(body) });
        return (StatusCodes.Status201Created, new JsonObject { ["id"] = id });
    }

    private string NextId()
    {
        _nextId += 137;
        return _nextId.ToString(CultureInfo.InvariantCulture);
    }

    private static string? RootOf(string conversationId)
    {
        var at = conversationId.IndexOf(";messageid=", StringComparison.Ordinal);
        return at < 0 ? null : conversationId[(at + ";messageid=".Length)..];
    }

    private static JsonObject? CardOf(JsonObject activity) =>
        (activity["attachments"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(a => a["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")?["content"]?
            .DeepClone() as JsonObject;

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
