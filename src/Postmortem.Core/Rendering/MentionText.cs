using System.Text;

namespace Postmortem.Core.Rendering;

/// <summary>Turns neutral mention tokens (<c>&lt;@ID&gt;</c>, <c>&lt;@ID|label&gt;</c>) into <c>@DisplayName</c> for reading.</summary>
public static class MentionText
{
    /// <summary>The text with every mention token shown as <c>@name</c> (known name, else the token's label, else the id).</summary>
    public static string Resolve(string text, IReadOnlyDictionary<string, string> people)
    {
        if (!text.Contains("<@", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        Append(builder, text, people);
        return builder.ToString();
    }

    internal static void Append(StringBuilder builder, string text, IReadOnlyDictionary<string, string> people)
    {
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("<@", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = text.IndexOf('>', open + 2);
            if (close < 0)
            {
                break;
            }

            var inner = text.AsSpan(open + 2, close - open - 2);
            var bar = inner.IndexOf('|');
            var id = bar < 0 ? inner : inner[..bar];
            if (id.IsEmpty || id.ContainsAny(' ', '<', '\n'))
            {
                builder.Append(text, position, open + 2 - position);
                position = open + 2;
                continue;
            }

            builder.Append(text, position, open - position);
            builder.Append('@');
            var idText = id.ToString();
            if (people.TryGetValue(idText, out var name))
            {
                builder.Append(name);
            }
            else if (bar >= 0 && bar < inner.Length - 1)
            {
                builder.Append(inner[(bar + 1)..]);
            }
            else
            {
                builder.Append(idText);
            }

            position = close + 1;
        }

        builder.Append(text, position, text.Length - position);
    }
}
