using System.Text.Json;
using Postmortem.Storage;

namespace Postmortem.Host.Diagnostics;

/// <summary>Puts <c>GET /diagnostics/inbox-count</c> in front of the app's pipeline.</summary>
internal sealed class DiagnosticsStartupFilter : IStartupFilter
{
    public const string InboxCountPath = "/diagnostics/inbox-count";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(InboxCountPath, branch => branch.Run(WriteInboxCountAsync));
        next(app);
    };

    /// <summary><c>{"events":N,"commands":N,"inboxPending":N,"outboxPending":N,"byType":{…}}</c>: events = posted messages, commands = commands invoked.</summary>
    private static async Task WriteInboxCountAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var store = context.RequestServices.GetRequiredService<IPostmortemStore>();
        var counts = await store.CountAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("events", counts.InboxByType.GetValueOrDefault("message_posted"));
        writer.WriteNumber("commands", counts.InboxByType.GetValueOrDefault("command_invoked"));
        writer.WriteNumber("inboxPending", counts.InboxPending);
        writer.WriteNumber("outboxPending", counts.OutboxPending);
        writer.WriteStartObject("byType");
        foreach (var (type, count) in counts.InboxByType.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(type, count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
