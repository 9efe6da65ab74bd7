using System.Text.Json;
using Postmortem.Storage;

namespace Postmortem.Host.Diagnostics;

public static class DiagnosticsEndpoints
{
    public const string InboxCountPath = "/diagnostics/inbox-count";

    /// <summary>Maps <c>GET /diagnostics/inbox-count</c> when <c>Diagnostics:Enabled</c> is true (benchmarks, local checks).</summary>
    public static WebApplication MapDiagnostics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DiagnosticsOptions.Section).Get<DiagnosticsOptions>();
        if (options?.Enabled == true)
        {
            app.MapGet(InboxCountPath, WriteInboxCountAsync);
        }

        return app;
    }

    /// <summary><c>{"events":N,"commands":N,"inboxPending":N,"outboxPending":N,"byType":{…}}</c>: events = posted messages, commands = commands invoked.</summary>
    private static async Task WriteInboxCountAsync(HttpContext context, IPostmortemStore store)
    {
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
