using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Postmortem.Slack.Inbound;
using static Postmortem.Slack.Inbound.SlackJson;

namespace Postmortem.Slack.SocketMode;

/// <summary>
/// Receives Slack events over Socket Mode (no public URL needed): opens a WebSocket with the app token, hands each
/// envelope's events to <see cref="ISlackEventSink"/>, acknowledges the envelope, and reconnects when Slack asks
/// (the new connection is opened before the old one is closed) or when the socket drops.
/// </summary>
public sealed class SlackSocketModeClient(
    IOptions<SlackOptions> options,
    IHttpClientFactory httpClients,
    SlackInboundParser parser,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    /// <summary>The name of the <see cref="HttpClient"/> used for <c>apps.connections.open</c>.</summary>
    public const string HttpClientName = "slack-socket";

    private const int ReceiveChunkBytes = 16 * 1024;
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly SlackOptions _options = options.Value;

    /// <summary>The first reconnect delay; it doubles (with jitter) for each failure in a row.</summary>
    internal TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How a connection ended.</summary>
    private enum Ending
    {
        /// <summary>Slack sent <c>disconnect</c>: open a new connection, then close this one.</summary>
        Refresh,

        /// <summary>The socket closed or failed: reconnect after a delay.</summary>
        Dropped,
    }

    /// <summary>Connects and receives until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        ClientWebSocket? socket = null;
        var failures = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (socket is null)
                {
                    socket = await TryConnectAsync(ct);
                    if (socket is null)
                    {
                        await DelayAsync(++failures, ct);
                        continue;
                    }
                }

                var (ending, greeted) = await ReceiveAsync(socket, ct);
                if (greeted)
                {
                    failures = 0;
                }

                if (ending == Ending.Refresh)
                {
                    var next = await TryConnectAsync(ct);
                    await CloseAsync(socket);
                    socket = next;
                }
                else
                {
                    logger.LogWarning("Slack Socket Mode connection dropped; reconnecting");
                    socket.Dispose();
                    socket = null;
                    await DelayAsync(++failures, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (socket is not null)
            {
                await CloseAsync(socket);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    private async Task<ClientWebSocket?> TryConnectAsync(CancellationToken ct)
    {
        try
        {
            var url = await OpenConnectionAsync(ct);
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(url, ct);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Slack Socket Mode connection could not be opened");
            return null;
        }
    }

    private async Task<Uri> OpenConnectionAsync(CancellationToken ct)
    {
        var baseUrl = _options.ApiBaseUrl.EndsWith('/') ? _options.ApiBaseUrl : _options.ApiBaseUrl + "/";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(baseUrl), "apps.connections.open"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AppToken);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("ok", out var ok)
            || ok.ValueKind != JsonValueKind.True)
        {
            throw new HttpRequestException($"apps.connections.open failed: {String(root, "error") ?? "no error given"}");
        }

        var url = String(root, "url");
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new HttpRequestException("apps.connections.open returned no url");
    }

    private async Task<(Ending Ending, bool Greeted)> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var chunk = new byte[ReceiveChunkBytes];
        using var frame = new MemoryStream();
        var greeted = false;
        while (true)
        {
            frame.SetLength(0);
            ValueWebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), ct);
                }
                catch (WebSocketException)
                {
                    return (Ending.Dropped, greeted);
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (Ending.Dropped, greeted);
                }

                if (frame.Length + result.Count > _options.MaxBodyBytes)
                {
                    logger.LogWarning("Slack Socket Mode frame larger than {MaxBodyBytes} bytes; reconnecting", _options.MaxBodyBytes);
                    socket.Abort();
                    return (Ending.Dropped, greeted);
                }

                frame.Write(chunk, 0, result.Count);
            }
            while (!result.EndOfMessage);

            JsonDocument message;
            try
            {
                message = JsonDocument.Parse(frame.GetBuffer().AsMemory(0, (int)frame.Length));
            }
            catch (JsonException)
            {
                logger.LogWarning("Slack Socket Mode frame is not JSON; ignored");
                continue;
            }

            using (message)
            {
                var root = message.RootElement;
                var type = String(root, "type");
                switch (type)
                {
                    case "hello":
                        logger.LogInformation("Slack Socket Mode connected");
                        greeted = true;
                        break;
                    case "disconnect":
                        logger.LogInformation(
                            "Slack Socket Mode disconnect requested ({Reason}); reconnecting", String(root, "reason"));
                        return (Ending.Refresh, greeted);
                    case "events_api" or "slash_commands" or "interactive":
                        await HandleEnvelopeAsync(socket, root, type, ct);
                        break;
                    default:
                        logger.LogDebug("Slack Socket Mode message of type {Type} ignored", type);
                        break;
                }
            }
        }
    }

    private async Task HandleEnvelopeAsync(ClientWebSocket socket, JsonElement envelope, string type, CancellationToken ct)
    {
        var envelopeId = String(envelope, "envelope_id");
        if (string.IsNullOrEmpty(envelopeId))
        {
            logger.LogWarning("Slack Socket Mode {Type} envelope without envelope_id ignored", type);
            return;
        }

        var payload = Object(envelope, "payload");
        var inbound = payload is not { } body
            ? new SlackInbound.Malformed("missing payload")
            : type switch
            {
                "events_api" => parser.ParseEventCallback(body),
                "slash_commands" => parser.ParseSlashCommand(body),
                _ => parser.ParseInteraction(body),
            };

        switch (inbound)
        {
            case SlackInbound.Malformed malformed:
                // Acknowledged anyway: a redelivery would be just as unreadable.
                logger.LogWarning("Slack Socket Mode {Type} envelope malformed ({Reason})", type, malformed.Reason);
                break;
            case SlackInbound.Events { Items.Count: 0 } ignored:
                logger.LogDebug("Slack Socket Mode {Type} envelope ignored: {Reason}", type, ignored.Reason);
                break;
            case SlackInbound.Events events:
                if (!await TryDeliverAsync(events, ct))
                {
                    if (events.Source == SlackInboundSource.SlashCommand)
                    {
                        await AckAsync(socket, envelopeId, "Sorry, I could not record that just now. Please try again.", ct);
                    }

                    // Not acknowledged: Slack delivers the envelope again.
                    return;
                }

                break;
        }

        await AckAsync(socket, envelopeId, ephemeralText: null, ct);
    }

    private async Task<bool> TryDeliverAsync(SlackInbound.Events events, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sink = scope.ServiceProvider.GetRequiredService<ISlackEventSink>();
            foreach (var chatEvent in events.Items)
            {
                await sink.AcceptAsync(chatEvent, ct);
            }

            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Slack Socket Mode {Source} could not be stored", events.Source);
            return false;
        }
    }

    private static async Task AckAsync(ClientWebSocket socket, string envelopeId, string? ephemeralText, CancellationToken ct)
    {
        using var json = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("envelope_id", envelopeId);
            if (ephemeralText is not null)
            {
                writer.WriteStartObject("payload");
                writer.WriteString("response_type", "ephemeral");
                writer.WriteString("text", ephemeralText);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        try
        {
            await socket.SendAsync(json.ToArray(), WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        catch (WebSocketException)
        {
            // The socket dropped; the receive loop notices and reconnects, and Slack redelivers.
        }
    }

    private async Task CloseAsync(ClientWebSocket socket)
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout, time);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private Task DelayAsync(int failures, CancellationToken ct)
    {
        var exponent = Math.Min(failures - 1, 10);
        var ceiling = Math.Min(MinReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxReconnectDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
        return Task.Delay(jittered, time, ct);
    }
}
