using System.Text.Json;
using Postmortem.Storage;

namespace Postmortem.Host.Diagnostics;

public static class DiagnosticsEndpoints
{
    public const string InboxCountPath = "/diagnostics/inbox-count";
    public const string RuntimePath = "/diagnostics/runtime";

    /// <summary>Maps <c>GET /diagnostics/inbox-count</c> and <c>GET /diagnostics/runtime</c> when <c>Diagnostics:Enabled</c> is true (benchmarks, local checks).</summary>
    public static WebApplication MapDiagnostics(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DiagnosticsOptions.Section).Get<DiagnosticsOptions>();
        if (options?.Enabled == true)
        {
            app.MapGet(InboxCountPath, WriteInboxCountAsync);
            app.MapGet(RuntimePath, WriteRuntimeAsync);
        }

        return app;
    }

    /// <summary>
    /// <c>{"events":N,"commands":N,"inboxPending":N,"outboxPending":N,"timelineMessages":N,"byType":{…}}</c>: events =
    /// posted messages stored (in a timeline, or in the inbox waiting to be decided; one decided as it arrived has no
    /// inbox row), commands = commands invoked, byType = inbox rows per event type.
    /// </summary>
    private static async Task WriteInboxCountAsync(HttpContext context, IPostmortemStore store)
    {
        var counts = await store.CountAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("events", counts.PostedMessages);
        writer.WriteNumber("commands", counts.InboxByType.GetValueOrDefault("command_invoked"));
        writer.WriteNumber("inboxPending", counts.InboxPending);
        writer.WriteNumber("outboxPending", counts.OutboxPending);
        writer.WriteNumber("timelineMessages", counts.TimelineMessages);
        writer.WriteStartObject("byType");
        foreach (var (type, count) in counts.InboxByType.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(type, count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>{"allocatedBytes":N,"gen0Collections":N,"gen1Collections":N,"gen2Collections":N,"gcPauseMs":N,"cpuMs":N,"workingSetBytes":N}</c>,
    /// all since the process started: a benchmark reads it before and after a run to report what each request
    /// allocated and how long the collector paused, figures that do not depend on how busy the machine was.
    /// </summary>
    private static async Task WriteRuntimeAsync(HttpContext context)
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("allocatedBytes", GC.GetTotalAllocatedBytes(precise: true));
        writer.WriteNumber("gen0Collections", GC.CollectionCount(0));
        writer.WriteNumber("gen1Collections", GC.CollectionCount(1));
        writer.WriteNumber("gen2Collections", GC.CollectionCount(2));
        writer.WriteNumber("gcPauseMs", Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1));
        writer.WriteNumber("cpuMs", Math.Round(process.TotalProcessorTime.TotalMilliseconds));
        writer.WriteNumber("workingSetBytes", process.WorkingSet64);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
