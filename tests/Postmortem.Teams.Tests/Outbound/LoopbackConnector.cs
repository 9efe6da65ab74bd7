using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Postmortem.Teams.Tests.Payloads;

namespace Postmortem.Teams.Tests.Outbound;

/// <summary>
/// A stand-in for Entra's token endpoint and the Bot Connector on 127.0.0.1: records every request and answers in the
/// shapes of Microsoft's samples (our copies in Payloads/Outbound), or with answers a test queued.
/// </summary>
internal sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedAnswer> scripted = new();
    private readonly ConcurrentQueue<TaskCompletionSource<RecordedRequest>> waiters = new();
    private long nextId = 1780000000001;
    private int tokenRequests;

    private LoopbackConnector(WebApplication app)
    {
        this.app = app;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public string TokenEndpoint => BaseUrl + "/token";

    /// <summary>Connector requests (not token requests), in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public IReadOnlyDictionary<string, string>? LastTokenForm { get; private set; }

    /// <summary>When set, the token endpoint answers with this body instead of our payload.</summary>
    public JsonObject? TokenResponse { get; set; }

    /// <summary>Stamps each request with this clock's time (a test's fake clock).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackConnector(app);

        app.MapPost("/token", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server.tokenRequests);
            var form = await context.Request.ReadFormAsync();
            server.LastTokenForm = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            if (server.TokenResponse is { } given)
            {
                return Results.Json(given);
            }

            var body = TestPayloads.Load("Outbound/token-response.json");
            body["access_token"] = $"loopback-token-{server.TokenRequests}";
            return Results.Json(body);
        });
        app.Map("/{**path}", (Delegate)server.HandleAsync);

        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>The next connector request gets this answer instead of the default one.</summary>
    public void Enqueue(int status, JsonObject? body = null, TimeSpan? retryAfter = null) =>
        scripted.Enqueue(new ScriptedAnswer(status, body, retryAfter));

    /// <summary>Completes when the next connector request arrives.</summary>
    public Task<RecordedRequest> NextRequestAsync()
    {
        var waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiters.Enqueue(waiter);
        return waiter.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = context.Request.ContentLength is > 0 || context.Request.Headers.ContentType.Count > 0
            ? JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())?.AsObject()
            : null;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            raw,
            context.Request.Headers.Authorization.ToString(),
            body,
            Clock.GetUtcNow());
        Requests.Enqueue(request);
        if (waiters.TryDequeue(out var waiter))
        {
            waiter.TrySetResult(request);
        }

        if (scripted.TryDequeue(out var answer))
        {
            if (answer.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return answer.Body is null ? Results.StatusCode(answer.Status) : Results.Json(answer.Body, statusCode: answer.Status);
        }

        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        if (request.Method == "POST" && request.Path == "/v3/conversations")
        {
            var created = TestPayloads.Load("Outbound/create-conversation-channel-thread.response.json");
            var channel = body?["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? "unknown";
            created["id"] = $"{channel};messageid={id}";
            created["activityId"] = id;
            return Results.Json(created, statusCode: 201);
        }

        var sent = TestPayloads.Load("Outbound/send-activity.response.json");
        if (request.Method == "PUT")
        {
            sent["id"] = request.Path[(request.Path.LastIndexOf('/') + 1)..];
            return Results.Json(sent, statusCode: 200);
        }

        sent["id"] = id;
        return Results.Json(sent, statusCode: 201);
    }

    private sealed record ScriptedAnswer(int Status, JsonObject? Body, TimeSpan? RetryAfter);
}
