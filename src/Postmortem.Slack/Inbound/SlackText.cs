using System.Text;
using System.Text.RegularExpressions;

namespace Postmortem.Slack.Inbound;

/// <summary>Slack message text: its three escaped characters, labelled mentions, and the bot's own mentions.</summary>
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
            if (TokenEnd(text, at, userId) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An app_mention's text as the bot reads it: every mention of <paramref name="botUserId"/> taken out wherever it
    /// stands (<c>&lt;@BOT&gt; start …</c>, or <c>… see graph &lt;@BOT&gt;</c> in a why thread), with the spaces around
    /// it closed up; other people's mentions stay. When the bot's id is not known yet, the leading mention is dropped.
    /// </summary>
    public static string WithoutMentionsOf(string text, string? botUserId)
    {
        if (string.IsNullOrEmpty(botUserId))
        {
            return LeadingMention().Replace(text, string.Empty, 1).Trim();
        }

        var kept = new StringBuilder(text.Length);
        var from = 0;
        for (var at = text.IndexOf("<@", StringComparison.Ordinal); at >= 0; at = text.IndexOf("<@", from, StringComparison.Ordinal))
        {
            var after = TokenEnd(text, at, botUserId);
            if (after < 0)
            {
                kept.Append(text, from, at + 2 - from);
                from = at + 2;
                continue;
            }

            kept.Append(text, from, at - from);
            while (kept.Length > 0 && kept[^1] is ' ' or '\t')
            {
                kept.Length--;
            }

            from = after;
            if (kept.Length == 0 || kept[^1] == '\n')
            {
                while (from < text.Length && text[from] is ' ' or '\t')
                {
                    from++;
                }
            }
        }

        kept.Append(text, from, text.Length - from);
        return kept.ToString().Trim();
    }

    /// <summary>The index just past <c>&lt;@ID&gt;</c> or <c>&lt;@ID|label&gt;</c> starting at <paramref name="at"/>; -1 when no such token is there.</summary>
    private static int TokenEnd(string text, int at, string userId)
    {
        var end = at + 2 + userId.Length;
        if (end >= text.Length || string.CompareOrdinal(text, at + 2, userId, 0, userId.Length) != 0)
        {
            return -1;
        }

        return text[end] switch
        {
            '>' => end + 1,
            '|' when text.IndexOf('>', end) is var close and >= 0 => close + 1,
            _ => -1,
        };
    }

    [GeneratedRegex(@"<@(?<id>[^|>\s]+)\|(?<label>[^>]+)>", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledMention();

    [GeneratedRegex(@"^\s*<@[^>\s]+>", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMention();
}
