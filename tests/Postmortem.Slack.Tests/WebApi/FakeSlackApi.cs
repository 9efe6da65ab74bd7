using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Postmortem.Slack.Tests.Payloads;

namespace Postmortem.Slack.Tests.WebApi;

/// <summary>
/// A loopback stand-in for Slack's Web API: <c>POST /api/{method}</c> answers with scripted replies (in order, the last
/// one repeated; <c>{"ok":true}</c> when none), <c>POST /upload/{id}</c> takes file bytes. Every request is recorded.
/// </summary>
internal sealed class FakeSlackApi : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeReply> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeSlackApi(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public string ApiBaseUrl => BaseUrl + "/api/";

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public static async Task<FakeSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        var app = builder.Build();
        var server = new FakeSlackApi(app);
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/api/{method}", (HttpContext context, string method) => server.AnswerAsync(context, method));
        app.MapPost("/upload/{id}", (HttpContext context, string id) => server.AnswerAsync(context, "upload"));
        await app.StartAsync();
        return server;
    }

    /// <summary>Replies for <paramref name="method"/>, served in order; the last one keeps being served.</summary>
    public FakeSlackApi Reply(string method, params FakeReply[] replies)
    {
        var queue = _scripts.GetOrAdd(method, _ => new ConcurrentQueue<FakeReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Replies with our payload files from Payloads/WebApi, in order.</summary>
    public FakeSlackApi ReplyWith(string method, params string[] payloadFiles) =>
        Reply(method, payloadFiles.Select(f => FakeReply.Json(Payload.Text(Path.Combine("WebApi", f)))).ToArray());

    public IReadOnlyList<RecordedRequest> Calls(string method) => Requests.Where(r => r.Method == method).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, string method)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        _requests.Enqueue(new RecordedRequest(
            method,
            context.Request.ContentType ?? "",
            context.Request.Headers.Authorization.ToString(),
            buffer.ToArray(),
            DateTimeOffset.UtcNow));

        var reply = Next(method);
        if (reply.Status == FakeReply.DropConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Body.Replace("{{base}}", BaseUrl, StringComparison.Ordinal));
    }

    private FakeReply Next(string method)
    {
        if (_scripts.TryGetValue(method, out var queue) && queue.TryDequeue(out var reply))
        {
            _last[method] = reply;
            return reply;
        }

        return _last.TryGetValue(method, out var last) ? last : FakeReply.Json("""{"ok":true}""");
    }
}

/// <summary>One scripted answer.</summary>
internal sealed record FakeReply(int Status, string Body, string? RetryAfter = null)
{
    /// <summary>A status that makes the fake drop the connection without answering (a network failure).</summary>
    public const int DropConnection = 0;

    public static FakeReply Dropped => new(DropConnection, "");

    public static FakeReply Json(string body) => new(200, body);

    public static FakeReply Error(string error) => new(200, $$"""{"ok":false,"error":"{{error}}"}""");
}

/// <summary>A request the fake received.</summary>
internal sealed record RecordedRequest(string Method, string ContentType, string Authorization, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The form fields of a form-encoded request.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Text).ToDictionary(p => p.Key, p => p.Value.ToString());

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
