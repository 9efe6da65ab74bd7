using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Postmortem.Core.Events;
using Postmortem.Slack.BlockKit;

namespace Postmortem.Slack.Inbound;

/// <summary>The one HTTP endpoint Slack calls for events, slash commands and interactivity.</summary>
public static class SlackEventsEndpoint
{
    private const string LoggerName = "Postmortem.Slack.Inbound.SlackEventsEndpoint";
    private const int ReadChunkBytes = 16 * 1024;

    /// <summary>Maps <c>POST {pattern}</c>: size cap, signature check, parse, hand to <see cref="ISlackEventSink"/>, ack.</summary>
    public static IEndpointConventionBuilder MapSlackEvents(this IEndpointRouteBuilder app, string pattern = "/slack/events")
    {
        ArgumentNullException.ThrowIfNull(app);
        // Resolved once, not per request: they are singletons, and a request that never touches RequestServices gets no
        // DI scope (nor the logger factory's lock per CreateLogger).
        var provider = app.ServiceProvider;
        var endpoint = new Dependencies(
            provider.GetRequiredService<IOptions<SlackOptions>>().Value,
            provider.GetRequiredService<SlackSignatureVerifier>(),
            provider.GetRequiredService<SlackInboundParser>(),
            provider.GetRequiredService<ISlackEventSink>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName));
        return app.MapPost(pattern, context => HandleAsync(context, endpoint));
    }

    private sealed record Dependencies(
        SlackOptions Options, SlackSignatureVerifier Verifier, SlackInboundParser Parser, ISlackEventSink Sink, ILogger Logger);

    private static async Task HandleAsync(HttpContext context, Dependencies endpoint)
    {
        var (options, logger) = (endpoint.Options, endpoint.Logger);
        var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);
        if (body.Buffer is null)
        {
            logger.LogWarning("Slack request refused: body larger than {MaxBodyBytes} bytes", options.MaxBodyBytes);
            await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        try
        {
            await HandleBodyAsync(context, endpoint, body.Buffer.AsMemory(0, body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Buffer);
        }
    }

    /// <summary>Not async itself: it checks and parses synchronously, then returns the one task that answers.</summary>
    private static Task HandleBodyAsync(HttpContext context, Dependencies endpoint, ReadOnlyMemory<byte> body)
    {
        var logger = endpoint.Logger;
        var request = context.Request;
        var ct = context.RequestAborted;

        var check = endpoint.Verifier.Verify(
            request.Headers[SlackSignatureVerifier.TimestampHeader],
            request.Headers[SlackSignatureVerifier.SignatureHeader],
            body.Span);
        if (!check.IsValid)
        {
            logger.LogWarning(
                "Slack request refused: {Reason} (from {RemoteIp})", check.Reason, context.Connection.RemoteIpAddress);
            return WriteTextAsync(context, StatusCodes.Status401Unauthorized, check.Reason);
        }

        var inbound = endpoint.Parser.ParseBody(request.ContentType, body);
        switch (inbound)
        {
            case SlackInbound.Malformed malformed:
                logger.LogWarning("Slack request refused: malformed payload ({Reason})", malformed.Reason);
                return WriteTextAsync(context, StatusCodes.Status400BadRequest, malformed.Reason);
            case SlackInbound.UrlVerification verification:
                return WriteChallengeAsync(context, verification.Challenge);
            case SlackInbound.Events events:
                return DeliverAsync(context, endpoint, events, ct);
            default:
                throw new UnreachableException($"unexpected {inbound.GetType().Name}");
        }
    }

    private static async Task DeliverAsync(
        HttpContext context, Dependencies endpoint, SlackInbound.Events events, CancellationToken ct)
    {
        var logger = endpoint.Logger;
        if (events.Items.Count == 0)
        {
            logger.LogDebug("Slack request acknowledged and ignored: {Reason}", events.Reason);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var sink = endpoint.Sink;
        SlackBlockMessage? answer = null;
        try
        {
            foreach (var chatEvent in events.Items)
            {
                string outcome;
                if (events.Source == SlackInboundSource.SlashCommand && chatEvent is CommandInvoked command && answer is null)
                {
                    // Slack shows a slash command's 200 body to its user: the answer goes there, not through the outbox.
                    answer = await sink.AcceptSlashCommandAsync(command, ct);
                    outcome = answer is null ? "accepted" : "accepted and answered in the acknowledgement";
                }
                else
                {
                    outcome = await sink.AcceptAsync(chatEvent, ct) ? "stored" : "already seen";
                }

                if (logger.IsEnabled(LogLevel.Debug))
                {
                    logger.LogDebug(
                        "Slack event {EventId} ({Kind}) in {Channel} {Outcome}",
                        chatEvent.EventId,
                        chatEvent.GetType().Name,
                        chatEvent.Channel.Key,
                        outcome);
                }
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogError(e, "Slack {Source} could not be stored", events.Source);
            if (events.Source == SlackInboundSource.SlashCommand)
            {
                // Slack does not retry a slash command, so tell the user instead.
                await WriteEphemeralAsync(context, "Sorry, I could not record that just now. Please try again.");
            }
            else
            {
                await WriteTextAsync(context, StatusCodes.Status500InternalServerError, "could not store the event");
            }

            return;
        }

        if (answer is not null)
        {
            await WriteAnswerAsync(context, answer);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static Task WriteAnswerAsync(HttpContext context, SlackBlockMessage message) =>
        WriteJsonAsync(context, writer =>
        {
            writer.WriteString("response_type", "ephemeral");
            writer.WriteString("text", message.Text);
            if (message.Blocks.Count > 0)
            {
                writer.WritePropertyName("blocks");
                writer.WriteStartArray();
                foreach (var block in message.Blocks)
                {
                    block.WriteTo(writer);
                }

                writer.WriteEndArray();
            }
        });

    /// <summary>The raw body in a pooled buffer (the caller returns it), or a null buffer when it is larger than <paramref name="maxBytes"/>.</summary>
    private static async ValueTask<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, 0);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } expected ? (int)expected + 1 : ReadChunkBytes);
        var length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, length);
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task WriteChallengeAsync(HttpContext context, string challenge) =>
        WriteJsonAsync(context, writer => writer.WriteString("challenge", challenge));

    private static Task WriteEphemeralAsync(HttpContext context, string text) =>
        WriteJsonAsync(context, writer =>
        {
            writer.WriteString("response_type", "ephemeral");
            writer.WriteString("text", text);
        });

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> writeProperties)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
