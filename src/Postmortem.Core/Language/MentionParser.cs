using System.Text.RegularExpressions;

namespace Postmortem.Core.Language;

/// <summary>Reads neutral mention tokens <c>&lt;@ID&gt;</c> / <c>&lt;@ID|label&gt;</c> from text.</summary>
public static partial class MentionParser
{
    /// <summary>The user ids mentioned, in order of first appearance, each once.</summary>
    public static IReadOnlyList<string> UserIds(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("<@", StringComparison.Ordinal))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (Match match in Token().Matches(text))
        {
            var id = match.Groups["id"].Value;
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>One mention token; group <c>id</c> is the user id.</summary>
    [GeneratedRegex(@"<@(?<id>[^|>\s]+)(?:\|[^>]*)?>", RegexOptions.CultureInvariant)]
    internal static partial Regex Token();
}
