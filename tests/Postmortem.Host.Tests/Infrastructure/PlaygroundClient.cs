using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Postmortem.Host.Playground;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Tests.Infrastructure;

/// <summary>A typed wrapper over the playground HTTP API, for tests that talk to the bot the way the page does.</summary>
public sealed class PlaygroundClient(HttpClient http, ProcessingSignals signals)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public HttpClient Http => http;

    /// <summary>Posts a message (or a <c>/postmortem …</c> command) and returns the playground message id.</summary>
    public async Task<string> PostAsync(string user, string text, string? threadId = null) =>
        (await AcceptedAsync(await SendPostAsync(user, text, threadId))).MessageId!;

    public Task<HttpResponseMessage> SendPostAsync(string user, string text, string? threadId = null) =>
        http.PostAsJsonAsync("/playground/api/messages", new PlaygroundPostRequest(user, text, threadId), Json);

    /// <summary>Posts, waits until the bot has decided and answered, and returns the message as the channel shows it.</summary>
    public async Task<PlaygroundMessage> SayAsync(string user, string text, string? threadId = null)
    {
        var id = await PostAsync(user, text, threadId);
        await WaitUntilIdleAsync();
        return (await MessagesAsync(user)).Single(m => m.Id == id);
    }

    public async Task<PlaygroundAccepted> EditAsync(string user, string messageId, string text) =>
        await AcceptedAsync(await http.PutAsJsonAsync($"/playground/api/messages/{messageId}", new PlaygroundEditRequest(user, text), Json));

    public async Task<PlaygroundAccepted> DeleteAsync(string messageId, string? user = null) =>
        await AcceptedAsync(await http.DeleteAsync(
            $"/playground/api/messages/{messageId}" + (user is null ? "" : $"?user={Uri.EscapeDataString(user)}")));

    public async Task<PlaygroundAccepted> ReactAsync(string user, string messageId, string emoji) =>
        await AcceptedAsync(await http.PostAsJsonAsync($"/playground/api/messages/{messageId}/reactions", new PlaygroundReactionRequest(user, emoji), Json));

    public async Task<PlaygroundAccepted> UnreactAsync(string user, string messageId, string emoji)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/playground/api/messages/{messageId}/reactions")
        {
            Content = JsonContent.Create(new PlaygroundReactionRequest(user, emoji), options: Json),
        };
        return await AcceptedAsync(await http.SendAsync(request));
    }

    public async Task<PlaygroundAccepted> PressAsync(string user, string messageId, string actionId, string? value = null) =>
        await AcceptedAsync(await http.PostAsJsonAsync("/playground/api/buttons", new PlaygroundButtonRequest(user, actionId, value, messageId), Json));

    /// <summary>The channel as <paramref name="user"/> sees it (their ephemerals included), oldest first.</summary>
    public async Task<IReadOnlyList<PlaygroundMessage>> MessagesAsync(string? user = null) =>
        await http.GetFromJsonAsync<List<PlaygroundMessage>>(
            "/playground/api/messages" + (user is null ? "" : $"?user={Uri.EscapeDataString(user)}"), Json) ?? [];

    /// <summary>The bot's posts <paramref name="user"/> sees, oldest first.</summary>
    public async Task<IReadOnlyList<PlaygroundMessage>> BotMessagesAsync(string? user = null) =>
        (await MessagesAsync(user)).Where(m => m.IsBot).ToList();

    /// <summary>The latest published postmortem's Markdown, or null before the first render.</summary>
    public async Task<string?> PostmortemMarkdownAsync() =>
        (await http.GetFromJsonAsync<PlaygroundPostmortemView>("/playground/api/postmortem", Json))?.Markdown;

    /// <summary>Waits (bounded) until every event so far is decided and every due action delivered.</summary>
    public Task WaitUntilIdleAsync(TimeSpan? timeout = null) =>
        signals.WaitUntilIdleAsync(CancellationToken.None).WaitAsync(timeout ?? IdleTimeout);

    private static async Task<PlaygroundAccepted> AcceptedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new HttpRequestException(
                    $"expected 202 Accepted, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            return (await response.Content.ReadFromJsonAsync<PlaygroundAccepted>(Json))!;
        }
    }
}
