using System.Text.RegularExpressions;

namespace Postmortem.Slack.Inbound;

/// <summary>Slack message text: its three escaped characters, labelled mentions, and the leading bot mention.</summary>
internal static partial class SlackText
{
    /// <summary>Undoes Slack's escaping of <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>; mention tokens stay as they are.</summary>
    public static string Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (!text.Contains('&', StringComparison.Ordinal))
        {
            return text;
        }

        return text
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
    }

    /// <summary>Labels from <c>&lt;@U123|name&gt;</c> tokens, by user id; null when there are none.</summary>
    public static IReadOnlyDictionary<string, string>? MentionNames(string text)
    {
        if (!text.Contains("<@", StringComparison.Ordinal))
        {
            return null;
        }

        Dictionary<string, string>? names = null;
        foreach (Match match in LabelledMention().Matches(text))
        {
            names ??= new Dictionary<string, string>(StringComparer.Ordinal);
            names.TryAdd(match.Groups["id"].Value, match.Groups["label"].Value);
        }

        return names;
    }

    /// <summary>Whether message text mentions the user <paramref name="userId"/> (<c>&lt;@U…&gt;</c> or <c>&lt;@U…|label&gt;</c>).</summary>
    public static bool Mentions(string? text, string? userId)
    {
        if (text is null || string.IsNullOrEmpty(userId))
        {
            return false;
        }

        for (var at = text.IndexOf("<@", StringComparison.Ordinal); at >= 0; at = text.IndexOf("<@", at + 2, StringComparison.Ordinal))
        {
            var end = at + 2 + userId.Length;
            if (end < text.Length && text[end] is '>' or '|' && string.CompareOrdinal(text, at + 2, userId, 0, userId.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text after a leading <c>&lt;@BOT&gt;</c> mention (as an app_mention starts), trimmed.</summary>
    public static string WithoutLeadingMention(string text) => LeadingMention().Replace(text, string.Empty, 1).Trim();

    [GeneratedRegex(@"<@(?<id>[^|>\s]+)\|(?<label>[^>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledMention();

    [GeneratedRegex(@"^\s*<@[^>\s]+>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMention();
}
