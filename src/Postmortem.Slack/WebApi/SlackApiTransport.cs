using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Postmortem.Slack.WebApi;

/// <summary>
/// The one seam to Slack's Web API: POSTs a method's arguments (JSON or form) to <c>{ApiBaseUrl}{method}</c> with the
/// bot token, and reads the common envelope. Retries (429, 5xx, network) happen in the "slack-api" client's pipeline;
/// what is left here becomes a <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackApiTransport(IHttpClientFactory httpClientFactory, IOptions<SlackOptions> options)
{
    public const string HttpClientName = "slack-api";

    /// <summary>POSTs <paramref name="body"/> as JSON (the write methods: chat.*).</summary>
    public Task<T> PostJsonAsync<T>(string method, JsonObject body, CancellationToken ct)
        where T : SlackApiResponse
    {
        var content = new StringContent(body.ToJsonString(SlackApiJson.Options), Encoding.UTF8, "application/json");
        return SendAsync<T>(method, content, ct);
    }

    /// <summary>POSTs the arguments form-encoded (the read methods, which take no JSON); null values are left out.</summary>
    public Task<T> PostFormAsync<T>(string method, IEnumerable<KeyValuePair<string, string?>> fields, CancellationToken ct)
        where T : SlackApiResponse
    {
        var present = fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!));
        return SendAsync<T>(method, new FormUrlEncodedContent(present), ct);
    }

    /// <summary>Sends a file's bytes to the upload URL <c>files.getUploadURLExternal</c> handed out.</summary>
    public async Task UploadAsync(Uri uploadUrl, byte[] bytes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Client().SendAsync(request, ct).ConfigureAwait(false);
        ThrowIfRateLimited(SlackMethods.FilesGetUploadUrlExternal, response);
        response.EnsureSuccessStatusCode();
    }

    private async Task<T> SendAsync<T>(string method, HttpContent content, CancellationToken ct)
        where T : SlackApiResponse
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri(settings.ApiBaseUrl), method)) { Content = content };
        if (!string.IsNullOrEmpty(settings.BotToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
        }

        using var response = await Client().SendAsync(request, ct).ConfigureAwait(false);
        ThrowIfRateLimited(method, response);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var result = await JsonSerializer.DeserializeAsync<T>(stream, SlackApiJson.Options, ct).ConfigureAwait(false)
            ?? throw new SlackApiException(method, "empty_response");
        return result.Ok ? result : throw new SlackApiException(method, result.Error ?? "unknown_error");
    }

    private HttpClient Client() => httpClientFactory.CreateClient(HttpClientName);

    private static Uri BaseUri(string baseUrl) => new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");

    private static void ThrowIfRateLimited(string method, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SlackApiException(method, "ratelimited", RetryAfter(response) ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The <c>Retry-After</c> header as a wait (Slack sends whole seconds); null when absent.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0
                ? TimeSpan.FromSeconds(seconds)
                : null;
    }
}
