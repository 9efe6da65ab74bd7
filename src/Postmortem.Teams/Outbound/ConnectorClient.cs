using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Postmortem.Teams.Auth;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Calls the Bot Connector REST API at a conversation's <c>serviceUrl</c> with the bot's token. A serviceUrl that
/// <see cref="ServiceUrlPolicy"/> does not allow is refused before anything is sent. Each call waits its turn in
/// <see cref="ConversationSendLimiter"/>; retries of 429/412/5xx happen in the "teams-connector" HttpClient's pipeline.
/// </summary>
public sealed class ConnectorClient
{
    public const string HttpClientName = "teams-connector";

    private const int MaxErrorChars = 300;

    private readonly IHttpClientFactory httpClientFactory;
    private readonly BotTokenProvider tokens;
    private readonly ServiceUrlPolicy policy;
    private readonly ConversationSendLimiter limiter;
    private readonly TimeProvider time;

    public ConnectorClient(
        IHttpClientFactory httpClientFactory,
        BotTokenProvider tokens,
        ServiceUrlPolicy policy,
        ConversationSendLimiter limiter,
        TimeProvider time)
    {
        this.httpClientFactory = httpClientFactory;
        this.tokens = tokens;
        this.policy = policy;
        this.limiter = limiter;
        this.time = time;
    }

    /// <summary><c>POST {serviceUrl}/v3/conversations/{conversationId}/activities</c>: a new message in the conversation.</summary>
    public Task<ConnectorResponse> SendToConversationAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", conversationId, activity, ct);

    /// <summary>
    /// <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{replyToId}</c> with <c>replyToId</c> set: a
    /// reply. In a channel the conversation id is the reply chain's, <c>{channel};messageid={root}</c>.
    /// </summary>
    public Task<ConnectorResponse> ReplyToActivityAsync(
        string serviceUrl,
        string conversationId,
        string replyToId,
        JsonObject activity,
        CancellationToken ct)
    {
        activity["replyToId"] = replyToId;
        return SendAsync(
            HttpMethod.Post,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}",
            conversationId,
            activity,
            ct);
    }

    /// <summary>
    /// <c>POST {serviceUrl}/v3/conversations</c> with <c>isGroup</c>, <c>channelData.channel.id</c> and the activity: a
    /// new top-level post in a channel with its own reply chain. <see cref="ConnectorResponse.Id"/> is the root message
    /// id and <see cref="ConnectorResponse.ConversationId"/> the chain's conversation id.
    /// </summary>
    public Task<ConnectorResponse> CreateChannelThreadAsync(
        string serviceUrl,
        string tenantId,
        string channelId,
        JsonObject activity,
        CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["isGroup"] = true,
            ["activity"] = activity,
            ["channelData"] = new JsonObject { ["channel"] = new JsonObject { ["id"] = channelId } },
            ["tenantId"] = tenantId,
        };
        return SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", channelId, body, ct);
    }

    /// <summary><c>PUT {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c>: replace a bot message.</summary>
    public Task<ConnectorResponse> UpdateActivityAsync(
        string serviceUrl,
        string conversationId,
        string activityId,
        JsonObject activity,
        CancellationToken ct)
    {
        activity["id"] = activityId;
        return SendAsync(
            HttpMethod.Put,
            serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            conversationId,
            activity,
            ct);
    }

    private static string Escape(string part) => Uri.EscapeDataString(part);

    private async Task<ConnectorResponse> SendAsync(
        HttpMethod method,
        string serviceUrl,
        string path,
        string limiterKey,
        JsonObject body,
        CancellationToken ct)
    {
        if (!policy.IsAllowed(serviceUrl))
        {
            return ConnectorResponse.Failed($"serviceUrl '{serviceUrl}' is not an allowed Bot Connector host; nothing was sent", permanent: true);
        }

        await limiter.WaitTurnAsync(limiterKey, ct).ConfigureAwait(false);

        string token;
        try
        {
            token = await tokens.GetTokenAsync(ct).ConfigureAwait(false);
        }
        catch (BotTokenException e)
        {
            return ConnectorResponse.Failed($"no bot token: {e.Message}", e.Permanent);
        }

        var uri = new Uri(serviceUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);
        using var request = new HttpRequestMessage(method, uri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseContentRead, ct)
                .ConfigureAwait(false);
            return await ReadAsync(method, path, response, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            return ConnectorResponse.Failed($"{method} {path}: network: {e.Message}", permanent: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ConnectorResponse.Failed($"{method} {path}: timeout", permanent: false);
        }
    }

    private async Task<ConnectorResponse> ReadAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var (id, conversationId) = ReadIds(text);
            return new ConnectorResponse(true, status, id, conversationId, null, null, false);
        }

        if (status == 401)
        {
            tokens.Invalidate();
        }

        var retryAfter = TeamsRetry.RetryAfter(response, time.GetUtcNow());
        var transient = status is 401 or 408 || TeamsRetry.IsTransientStatus(status) || status >= 500;
        var error = $"{method} {path}: {status} {ErrorText(text)}".TrimEnd();
        return ConnectorResponse.Failed(error, permanent: !transient, status, retryAfter);
    }

    /// <summary>The <c>id</c> (and for a new thread the <c>activityId</c>) of a success body; either may be missing.</summary>
    private static (string? Id, string? ConversationId) ReadIds(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var id = String(root, "id");
            if (String(root, "activityId") is { } activityId)
            {
                return (activityId, id);
            }

            if (id is not null && TeamsConversationId.Parse(id) is { RootMessageId: { } rootId })
            {
                return (rootId, id);
            }

            return (id, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The connector's own error message (<c>{"error":{"code","message"}}</c>) or the start of the body.</summary>
    private static string ErrorText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                var code = String(error, "code");
                var message = String(error, "message");
                return Shorten(string.Join(": ", new[] { code, message }.Where(s => !string.IsNullOrEmpty(s))));
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of the body.
        }

        return Shorten(text);
    }

    private static string Shorten(string text) => text.Length <= MaxErrorChars ? text : text[..MaxErrorChars] + "…";
}
