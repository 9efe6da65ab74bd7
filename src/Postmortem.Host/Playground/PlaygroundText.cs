using System.Text.RegularExpressions;

namespace Postmortem.Host.Playground;

/// <summary>Turns <c>@name</c> typed in the playground into the neutral mention token <c>&lt;@name&gt;</c>.</summary>
public static partial class PlaygroundText
{
    public const string CommandPrefix = "/postmortem";

    /// <summary>The text with neutral mentions, and the names mentioned (ids are the names in the playground).</summary>
    public static (string Text, IReadOnlyDictionary<string, string>? MentionNames) WithMentions(string text)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var converted = MentionPattern().Replace(text, match =>
        {
            var name = match.Groups[1].Value.TrimEnd('.', '-');
            names[name] = name;
            return $"<@{name}>" + match.Groups[1].Value[name.Length..];
        });
        return (converted, names.Count == 0 ? null : names);
    }

    /// <summary>The text after <c>/postmortem</c> when <paramref name="text"/> is the command, else null.</summary>
    public static string? CommandArguments(string text)
    {
        var trimmed = text.TrimStart();
        if (!trimmed.StartsWith(CommandPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = trimmed[CommandPrefix.Length..];
        return rest.Length == 0 || char.IsWhiteSpace(rest[0]) ? rest.Trim() : null;
    }

    [GeneratedRegex(@"(?<![\w@<])@([A-Za-z0-9_][A-Za-z0-9._-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
