using System.Text.RegularExpressions;

namespace Postmortem.Slack.BlockKit;

/// <summary>Slack mrkdwn text: escaping that keeps Slack's own tokens, and splitting at a limit without losing text.</summary>
internal static partial class SlackMrkdwn
{
    /// <summary>
    /// Escapes <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, except inside mention, channel, special and link tokens. Text with
    /// nothing to escape comes back as it is; otherwise the result is built once, at its exact length.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Specials) < 0)
        {
            return text ?? string.Empty;
        }

        var extra = 0;
        var last = 0;
        foreach (var token in Token().EnumerateMatches(text))
        {
            extra += ExtraLength(text.AsSpan(last, token.Index - last));
            last = token.Index + token.Length;
        }

        extra += ExtraLength(text.AsSpan(last));
        return extra == 0 ? text : string.Create(text.Length + extra, text, WriteEscaped);
    }
    /// <summary>
    /// Cuts <paramref name="text"/> into pieces of at most <paramref name="max"/> characters, preferring line breaks,
    /// then spaces, and never cutting inside a <c>&lt;…&gt;</c> token or an <c>&amp;…;</c> entity. Nothing is dropped.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = CutAt(rest, max);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart('\n', ' ');
        }

        if (rest.Length > 0 || pieces.Count == 0)
        {
            pieces.Add(rest);
        }

        return pieces.Where(p => p.Length > 0).DefaultIfEmpty(string.Empty).ToList();
    }

    /// <summary>At most <paramref name="max"/> characters, ending in "…" when shortened (for labels only).</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static int CutAt(string text, int max)
    {
        var window = text.AsSpan(0, max);
        var cut = window.LastIndexOf('\n');
        if (cut < max / 2)
        {
            var space = window.LastIndexOf(' ');
            cut = space >= max / 2 ? space : max;
        }

        // Never inside a token or an entity: move the cut back to where it starts.
        var open = text.LastIndexOf('<', cut - 1);
        if (open >= 0 && text.LastIndexOf('>', cut - 1) < open && open > 0)
        {
            cut = open;
        }

        var amp = text.LastIndexOf('&', cut - 1);
        if (amp > 0 && cut - amp <= 5 && text.IndexOf(';', amp) >= cut)
        {
            cut = amp;
        }

        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return cut;
    }

    private const string Specials = "&<>";

    private static int ExtraLength(ReadOnlySpan<char> plain)
    {
        var extra = 0;
        foreach (var c in plain)
        {
            extra += c switch
            {
                '&' => 4,
                '<' or '>' => 3,
                _ => 0,
            };
        }

        return extra;
    }

    /// <summary>Writes <paramref name="text"/> escaped into <paramref name="target"/>, sized by <see cref="ExtraLength"/>.</summary>
    private static void WriteEscaped(Span<char> target, string text)
    {
        var written = 0;
        var last = 0;
        foreach (var token in Token().EnumerateMatches(text))
        {
            written += WritePlain(target[written..], text.AsSpan(last, token.Index - last));
            text.AsSpan(token.Index, token.Length).CopyTo(target[written..]);
            written += token.Length;
            last = token.Index + token.Length;
        }

        WritePlain(target[written..], text.AsSpan(last));
    }

    private static int WritePlain(Span<char> target, ReadOnlySpan<char> plain)
    {
        var written = 0;
        foreach (var c in plain)
        {
            var entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            };
            if (entity is null)
            {
                target[written++] = c;
            }
            else
            {
                entity.CopyTo(target[written..]);
                written += entity.Length;
            }
        }

        return written;
    }

    [GeneratedRegex(@"<(?:[@#!][^<>\s|]+(?:\|[^<>\n]*)?|(?:https?|mailto):[^<>\s|]+(?:\|[^<>\n]*)?)>", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
