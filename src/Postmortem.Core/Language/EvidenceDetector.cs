using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>Finds evidence in an answer: a link, an attached file, or a quoted message.</summary>
public static partial class EvidenceDetector
{
    private const int QuoteLength = 60;

    /// <summary>A short description of the evidence (the link, "attached file", the quote), or null.</summary>
    public static string? Find(string text, bool hasFile)
    {
        text ??= "";
        var link = Link().Match(text);
        if (link.Success)
        {
            var url = link.Groups["url"].Success ? link.Groups["url"].Value : link.Groups["bare"].Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '>');
            var label = link.Groups["label"].Value.Trim();
            return label.Length > 0 && !string.Equals(label, url, StringComparison.Ordinal) ? $"link: {label} ({url})" : $"link: {url}";
        }

        if (hasFile)
        {
            return "attached file";
        }

        var quotedLine = QuotedLine().Match(text);
        if (quotedLine.Success)
        {
            return $"quote: “{Shorten(quotedLine.Groups["q"].Value)}”";
        }

        foreach (Match quoted in InlineQuote().Matches(text))
        {
            var words = quoted.Groups["q"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length >= 3)
            {
                return $"quote: “{Shorten(quoted.Groups["q"].Value)}”";
            }
        }

        return null;
    }

    private static string Shorten(string quote)
    {
        var q = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return q.Length <= QuoteLength ? q : q[..(QuoteLength - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<(?<url>https?://[^|>\s]+)(?:\|(?<label>[^>]*))?>|(?<bare>https?://[^\s<>""]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"^[ \t]*(?:>|&gt;)[ \t]*(?<q>\S[^\n]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedLine();

    [GeneratedRegex(@"[""“](?<q>[^""“”\n]{3,}?)[""”]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineQuote();
}
