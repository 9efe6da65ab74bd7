using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Postmortem.Slack.Inbound;

/// <summary>The one HTTP endpoint Slack calls for events, slash commands and interactivity.</summary>
public static class SlackEventsEndpoint
{
    private const string LoggerName = "Postmortem.Slack.Inbound.SlackEventsEndpoint";
    private const int ReadChunkBytes = 16 * 1024;

    /// <summary>Maps <c>POST {pattern}</c>: size cap, signature check, parse, hand to <see cref="ISlackEventSink"/>, ack.</summary>
    public static IEndpointConventionBuilder MapSlackEvents(this IEndpointRouteBuilder app, string pattern = "/slack/events") =>
        app.MapPost(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var request = context.Request;
        var ct = context.RequestAborted;

        var body = await ReadBodyAsync(request, options.MaxBodyBytes, ct);
        if (body is null)
        {
            logger.LogWarning("Slack request refused: body larger than {MaxBodyBytes} bytes", options.MaxBodyBytes);
            await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        var check = services.GetRequiredService<SlackSignatureVerifier>().Verify(
            request.Headers[SlackSignatureVerifier.TimestampHeader],
            request.Headers[SlackSignatureVerifier.SignatureHeader],
            body);
        if (!check.IsValid)
        {
            logger.LogWarning(
                "Slack request refused: {Reason} (from {RemoteIp})", check.Reason, context.Connection.RemoteIpAddress);
            await WriteTextAsync(context, StatusCodes.Status401Unauthorized, check.Reason);
            return;
        }

        var inbound = services.GetRequiredService<SlackInboundParser>().Parse(request.ContentType, body);
        switch (inbound)
        {
            case SlackInbound.Malformed malformed:
                logger.LogWarning("Slack request refused: malformed payload ({Reason})", malformed.Reason);
                await WriteTextAsync(context, StatusCodes.Status400BadRequest, malformed.Reason);
                return;
            case SlackInbound.UrlVerification verification:
                await WriteChallengeAsync(context, verification.Challenge);
                return;
            case SlackInbound.Events events:
                await DeliverAsync(context, logger, events, ct);
                return;
        }
    }

    private static async Task DeliverAsync(
        HttpContext context, ILogger logger, SlackInbound.Events events, CancellationToken ct)
    {
        if (events.Items.Count == 0)
        {
            logger.LogDebug("Slack request acknowledged and ignored: {Reason}", events.Reason);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        var sink = context.RequestServices.GetRequiredService<ISlackEventSink>();
        try
        {
            foreach (var chatEvent in events.Items)
            {
                var stored = await sink.AcceptAsync(chatEvent, ct);
                logger.LogDebug(
                    "Slack event {EventId} ({Kind}) in {Channel} {Outcome}",
                    chatEvent.EventId,
                    chatEvent.GetType().Name,
                    chatEvent.Channel.Key,
                    stored ? "stored" : "already seen");
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

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : ReadChunkBytes);
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
        using var json = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(json.ToArray(), context.RequestAborted);
    }
}
