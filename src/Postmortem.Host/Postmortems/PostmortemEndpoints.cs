using System.Net;
using Postmortem.Core.Rendering;
using Postmortem.Storage;

namespace Postmortem.Host.Postmortems;

/// <summary><c>GET /postmortems/{id}</c> (a web page) and <c>/postmortems/{id}.md</c> (the Markdown).</summary>
public static class PostmortemEndpoints
{
    private const string MarkdownSuffix = ".md";

    public static IEndpointRouteBuilder MapPostmortems(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/postmortems/{id}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string id, IPostmortemStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var asMarkdown = id.EndsWith(MarkdownSuffix, StringComparison.OrdinalIgnoreCase);
        var sessionId = asMarkdown ? id[..^MarkdownSuffix.Length] : id;
        var session = await store.FindSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Results.NotFound();
        }

        var snapshot = await store.LoadChannelAsync(session.Channel, cancellationToken).ConfigureAwait(false);
        var timeline = new Core.Timeline.ChannelTimeline(snapshot.Messages);
        var markdown = MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(session, timeline, time.GetUtcNow()));
        if (asMarkdown)
        {
            return Results.Text(markdown, "text/markdown; charset=utf-8");
        }

        var title = WebUtility.HtmlEncode(session.Title);
        var link = WebUtility.HtmlEncode(Uri.EscapeDataString(sessionId) + MarkdownSuffix);
        var body = WebUtility.HtmlEncode(markdown);
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Postmortem — {{title}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap;overflow-wrap:anywhere}</style></head>
            <body>
            <p><a href="{{link}}">Markdown</a></p>
            <pre>{{body}}</pre>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
