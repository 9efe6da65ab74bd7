using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Postmortem.Slack.Tests.SocketMode;

/// <summary>
/// A loopback stand-in for Slack's Socket Mode: <c>POST /api/apps.connections.open</c> hands out
/// <c>ws://…/link</c>, and each WebSocket accepted there is given to the test as a <see cref="Connection"/>.
/// </summary>
internal sealed class FakeSlackSocketServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly Channel<Connection> _connections = Channel.CreateUnbounded<Connection>();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentBag<Connection> _all = [];
    private int _linkRequests;

    private FakeSlackSocketServer(WebApplication app) => _app = app;

    public string ApiBaseUrl => _app.Urls.First() + "/api/";

    public string? LastAuthorization { get; private set; }

    /// <summary>"open N" when connection N's upgrade request arrives; "closed N" when it closes.</summary>
    public IReadOnlyList<string> Log => _log.ToList();

    public static async Task<FakeSlackSocketServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        var app = builder.Build();
        var server = new FakeSlackSocketServer(app);
        app.Urls.Add("http://127.0.0.1:0");
        app.UseWebSockets();
        app.MapPost("/api/apps.connections.open", server.OpenAsync);
        app.Map("/link", server.LinkAsync);
        await app.StartAsync();
        return server;
    }

    public Task<Connection> NextConnectionAsync() => _connections.Reader.ReadAsync().AsTask().WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _all)
        {
            connection.Finish();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task OpenAsync(HttpContext context)
    {
        LastAuthorization = context.Request.Headers.Authorization;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"ok":true,"url":"ws://{{context.Request.Host}}/link"}""");
    }

    private async Task LinkAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var number = Interlocked.Increment(ref _linkRequests);
        _log.Enqueue($"open {number}");
        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new Connection(number, socket, context, _log);
        _all.Add(connection);
        _connections.Writer.TryWrite(connection);
        await connection.Finished;
    }

    /// <summary>One accepted WebSocket, driven by the test.</summary>
    internal sealed class Connection(int number, WebSocket socket, HttpContext context, ConcurrentQueue<string> log)
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Number => number;

        public Task Finished => _finished.Task;

        public Task SendAsync(string json) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None)
                .WaitAsync(Timeout);

        /// <summary>The next text message, or null when the client closed the connection.</summary>
        public async Task<string?> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    log.Enqueue($"closed {number}");
                    Finish();
                    return null;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            return Encoding.UTF8.GetString(message.ToArray());
        }

        /// <summary>Drops the TCP connection without a close handshake.</summary>
        public void Abort()
        {
            context.Abort();
            Finish();
        }

        public void Finish() => _finished.TrySetResult();
    }
}
