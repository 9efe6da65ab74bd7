namespace Postmortem.Host.Tests.Infrastructure;

/// <summary>The headings of shared/postmortem-template.md, in order (kept here: a fresh clone has no shared/).</summary>
public static class TemplateSections
{
    public static readonly IReadOnlyList<string> Headings =
    [
        "## Summary",
        "## Impact & Timeline",
        "## Root Cause Analysis",
        "### 5 Whys",
        "## Corrective Actions",
        "## Preventive Measures",
        "## Lessons Learned",
        "## Responders & Review",
        "## Appendix: Transcript",
    ];

    /// <summary>The document starts with its title heading and has every template section, each once, in order.</summary>
    public static void AssertInOrder(string markdown, string title)
    {
        var position = -1;
        foreach (var section in Headings.Prepend($"# Postmortem — {title}"))
        {
            var next = markdown.IndexOf(section + "\n", position + 1, StringComparison.Ordinal);
            Assert.True(next > position, $"section '{section}' missing or out of order");
            position = next;
        }
    }
}
