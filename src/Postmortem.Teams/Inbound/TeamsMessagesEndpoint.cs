using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Postmortem.Core.Events;
using Postmortem.Teams.Activities;
using Postmortem.Teams.Auth;

namespace Postmortem.Teams.Inbound;

/// <summary>The Bot Framework messaging endpoint Teams posts every activity to.</summary>
public static class TeamsMessagesEndpoint
{
    private const string LoggerName = "Postmortem.Teams.Inbound.TeamsMessagesEndpoint";
    private const int ReadChunkBytes = 16 * 1024;

    /// <summary>
    /// Maps <c>POST {pattern}</c>: size cap (413), token check (401 / 403, 503 when Microsoft's keys cannot be had),
    /// parse (400), remember the serviceUrl, hand events to <see cref="ITeamsEventSink"/>, then answer 200 (with an
    /// invoke response for card actions).
    /// </summary>
    public static IEndpointConventionBuilder MapTeamsMessages(this IEndpointRouteBuilder app, string pattern = "/api/messages") =>
        app.MapPost(pattern, HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerName);
        var options = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        var ct = context.RequestAborted;

        var body = await ReadBodyAsync(context.Request, options.MaxBodyBytes, ct);
        if (body is null)
        {
            logger.LogWarning("Teams request refused: body larger than {MaxBodyBytes} bytes", options.MaxBodyBytes);
            await WriteTextAsync(context, StatusCodes.Status413PayloadTooLarge, "request body too large");
            return;
        }

        TeamsActivity? activity;
        try
        {
            activity = TeamsJson.ReadActivity(body);
        }
        catch (JsonException)
        {
            activity = null;
        }

        var validator = services.GetRequiredService<BotFrameworkTokenValidator>();
        var auth = await validator.ValidateTokenAsync(context.Request.Headers[HeaderNames.Authorization], ct);
        if (auth.IsValid && activity is not null)
        {
            auth = BotFrameworkTokenValidator.CheckActivity(auth, activity.ServiceUrl, activity.ChannelId);
        }

        if (!auth.IsValid)
        {
            logger.LogWarning(
                "Teams request refused: {Reason} (from {RemoteIp})", auth.Reason, context.Connection.RemoteIpAddress);
            var status = auth.Status switch
            {
                BotFrameworkAuthStatus.Forbidden => StatusCodes.Status403Forbidden,
                BotFrameworkAuthStatus.Unavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status401Unauthorized,
            };
            await WriteTextAsync(context, status, auth.Reason);
            return;
        }

        if (activity is null)
        {
            logger.LogWarning("Teams request refused: the body is not an activity");
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, "the body is not an activity");
            return;
        }

        if (!services.GetRequiredService<ServiceUrlPolicy>().IsAllowed(activity.ServiceUrl))
        {
            logger.LogWarning("Teams request refused: serviceUrl host {ServiceUrl} is not allowed", activity.ServiceUrl);
            await WriteTextAsync(context, StatusCodes.Status403Forbidden, "serviceUrl not allowed");
            return;
        }

        var inbound = services.GetRequiredService<TeamsActivityParser>().Parse(activity);
        if (inbound is TeamsInbound.Malformed malformed)
        {
            logger.LogWarning("Teams request refused: malformed activity ({Reason})", malformed.Reason);
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, malformed.Reason);
            return;
        }

        await RememberServiceUrlAsync(services, activity, ct);

        var isCardAction = activity.Type == "invoke"
            && string.Equals(activity.Name, "adaptiveCard/action", StringComparison.OrdinalIgnoreCase);
        ButtonPressed? pressed = null;
        var firstTime = true;
        switch (inbound)
        {
            case TeamsInbound.Events events:
                var sink = services.GetRequiredService<ITeamsEventSink>();
                try
                {
                    foreach (var chatEvent in events.Items)
                    {
                        var stored = await sink.AcceptAsync(chatEvent, ct);
                        firstTime &= stored;
                        pressed ??= chatEvent as ButtonPressed;
                        logger.LogDebug(
                            "Teams event {EventId} ({Kind}) in {Channel} {Outcome}",
                            chatEvent.EventId,
                            chatEvent.GetType().Name,
                            chatEvent.Channel.Key,
                            stored ? "stored" : "already seen");
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Teams {Type} activity could not be stored", activity.Type);
                    await WriteTextAsync(context, StatusCodes.Status500InternalServerError, "could not store the event");
                    return;
                }

                break;
            case TeamsInbound.Welcome welcome:
                logger.LogInformation("Teams: the bot was added to {Channel}", welcome.Channel.Key);
                try
                {
                    await services.GetRequiredService<ITeamsEventSink>().AcceptAsync(
                        new BotJoined
                        {
                            EventId = $"{welcome.ConversationId}:{activity.Id}:botJoined",
                            Channel = welcome.Channel,
                            OccurredAt = activity.Timestamp ?? services.GetRequiredService<TimeProvider>().GetUtcNow(),
                        },
                        ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogError(e, "Teams welcome could not be stored");
                    await WriteTextAsync(context, StatusCodes.Status500InternalServerError, "could not store the event");
                    return;
                }

                break;
            case TeamsInbound.Ignored ignored:
                logger.LogDebug("Teams activity acknowledged and ignored: {Reason}", ignored.Reason);
                break;
        }

        if (isCardAction)
        {
            var responder = services.GetService<ITeamsInvokeResponder>() ?? new DefaultTeamsInvokeResponder();
            var response = await responder.RespondAsync(pressed, firstTime, ct);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, response, TeamsJson.Options, ct);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static async Task RememberServiceUrlAsync(IServiceProvider services, TeamsActivity activity, CancellationToken ct)
    {
        var tenantId = TeamsActivityParser.TenantOf(activity);
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(activity.Conversation?.Id)
            || string.IsNullOrEmpty(activity.ServiceUrl))
        {
            return;
        }

        var conversationId = TeamsConversationId.Parse(activity.Conversation.Id).ConversationId;
        await services.GetRequiredService<IServiceUrlStore>().RememberAsync(tenantId, conversationId, activity.ServiceUrl, ct);
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
}
