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

    /// <summary>The text after a leading <c>&lt;@BOT&gt;</c> mention (as an app_mention starts), trimmed.</summary>
    public static string WithoutLeadingMention(string text) => LeadingMention().Replace(text, string.Empty, 1).Trim();

    [GeneratedRegex(@"<@(?<id>[^|>\s]+)\|(?<label>[^>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledMention();

    [GeneratedRegex(@"^\s*<@[^>\s]+>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMention();
}
