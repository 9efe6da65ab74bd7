using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Postmortem.Core.Chat;
using Postmortem.Teams.Activities;

namespace Postmortem.Teams.Inbound;

/// <summary>
/// Turns a Teams activity's text into Core's plain text: each mention entity's exact text becomes the neutral
/// <c>&lt;@ID&gt;</c> token (the bot's own mention can be dropped instead), and HTML becomes plain lines.
/// </summary>
internal static partial class TeamsText
{
    private const char PlaceholderStart = '\uE000';
    private const char PlaceholderEnd = '\uE001';

    /// <summary>The converted text, the names of the users mentioned in it, and whether the bot itself was mentioned.</summary>
    public static TeamsTextResult Convert(TeamsActivity activity, bool dropBotMention)
    {
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;
        var mentions = new List<ChannelAccount>();
        var botMentioned = false;

        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase)
                || string.IsNullOrEmpty(entity.Mentioned?.Id))
            {
                continue;
            }

            var isBot = !string.IsNullOrEmpty(botId) && string.Equals(entity.Mentioned.Id, botId, StringComparison.Ordinal);
            botMentioned |= isBot;

            // Microsoft: the entity's text is exactly what the text holds; older samples differ (<at>@Name</at>),
            // so fall back to the <at>name</at> form of the entity's own name.
            var at = Find(text, entity.Text) is var exact and >= 0
                ? (Index: exact, Length: entity.Text!.Length)
                : (Index: Find(text, AtTag(entity.Mentioned.Name)), Length: AtTag(entity.Mentioned.Name)?.Length ?? 0);
            if (at.Index < 0)
            {
                continue;
            }

            var placeholder = $"{PlaceholderStart}{mentions.Count}{PlaceholderEnd}";
            text = string.Concat(text.AsSpan(0, at.Index), placeholder, text.AsSpan(at.Index + at.Length));
            mentions.Add(entity.Mentioned);
        }

        text = LooksLikeHtml(activity.TextFormat, text) ? HtmlToPlain(text) : UnwrapAt().Replace(text, "$1");

        Dictionary<string, string>? names = null;
        text = Placeholder().Replace(text, match =>
        {
            var mentioned = mentions[int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)];
            if (dropBotMention && string.Equals(mentioned.Id, botId, StringComparison.Ordinal))
            {
                return string.Empty;
            }

            names ??= new Dictionary<string, string>(StringComparer.Ordinal);
            names[mentioned.Id!] = string.IsNullOrEmpty(mentioned.Name) ? mentioned.Id! : mentioned.Name;
            return Mention.Of(mentioned.Id!);
        });

        return new TeamsTextResult(Tidy(text), names, botMentioned);
    }

    /// <summary>HTML (Teams' "xml" text format) to plain text: block ends become line breaks, links keep their address.</summary>
    public static string HtmlToPlain(string html)
    {
        var text = LineBreak().Replace(html, "\n");
        text = BlockEnd().Replace(text, "\n");
        text = ListItem().Replace(text, "\n- ");
        text = Link().Replace(text, match =>
        {
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value);
            var label = WebUtility.HtmlDecode(Tag().Replace(match.Groups["label"].Value, string.Empty)).Trim();
            return label.Length == 0 || string.Equals(label, href, StringComparison.Ordinal) ? href : $"{label} ({href})";
        });
        text = Tag().Replace(text, string.Empty);
        return WebUtility.HtmlDecode(text);
    }

    private static int Find(string text, string? part) =>
        string.IsNullOrEmpty(part) ? -1 : text.IndexOf(part, StringComparison.Ordinal);

    private static string? AtTag(string? name) => string.IsNullOrEmpty(name) ? null : $"<at>{name}</at>";

    private static bool LooksLikeHtml(string? textFormat, string text) =>
        string.Equals(textFormat, "xml", StringComparison.OrdinalIgnoreCase)
        || string.Equals(textFormat, "html", StringComparison.OrdinalIgnoreCase)
        || HtmlTag().IsMatch(text);

    /// <summary>Non-breaking spaces to spaces, runs of spaces to one, lines trimmed, blank runs to one blank line.</summary>
    private static string Tidy(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blank = false;
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = Spaces().Replace(rawLine.Replace('\u00A0', ' '), " ").Trim();
            if (line.Length == 0)
            {
                blank = builder.Length > 0;
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(blank ? "\n\n" : "\n");
            }

            builder.Append(line);
            blank = false;
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"</?(p|br|div|span|strong|em|b|i|u|s|a|ol|ul|li|blockquote|pre|code|h[1-6]|img|table|tr|td|at)(\s[^>]*)?/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</(p|div|h[1-6]|blockquote|pre|tr|ul|ol)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<li(\s[^>]*)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"<a\s[^>]*?href\s*=\s*""(?<href>[^""]*)""[^>]*>(?<label>.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"<at>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnwrapAt();

    [GeneratedRegex("\uE000(?<n>[0-9]+)\uE001", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
