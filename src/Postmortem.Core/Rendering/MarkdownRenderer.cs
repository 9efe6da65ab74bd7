namespace Postmortem.Core.Rendering;

/// <summary>Renders the document as Markdown following the shared template exactly.</summary>
public static class MarkdownRenderer
{
    public static string Render(PostmortemDocument document) => $"# Postmortem — {document.Title}\n";
}
