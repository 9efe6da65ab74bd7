using System.Text;
using System.Text.Json.Nodes;

namespace Postmortem.Teams.Cards;

/// <summary>
/// Turns Core's neutral mention tokens (<c>&lt;@ID&gt;</c>, <c>&lt;@ID|label&gt;</c>) into Teams mentions: the text
/// gets <c>&lt;at&gt;Name&lt;/at&gt;</c> and the message a <c>mention</c> entity naming the user.
/// </summary>
internal sealed class TeamsMentions
{
    private readonly Func<string, string?> findName;
    private readonly Dictionary<string, JsonObject> entities = new(StringComparer.Ordinal);

    /// <param name="findName">A user's display name by id, or null when unknown (the token's label or the id is shown).</param>
    public TeamsMentions(Func<string, string?> findName)
    {
        this.findName = findName;
    }

    /// <summary>One <c>mention</c> entity per distinct mention text, in order of first use.</summary>
    public JsonArray Entities() => new(entities.Values.Select(e => (JsonNode)e.DeepClone()).ToArray());

    public bool Any => entities.Count > 0;

    /// <summary>The entities whose mention text occurs in <paramref name="text"/> (for one part of a split message).</summary>
    public JsonArray EntitiesIn(string text) =>
        new(entities.Where(e => text.Contains(e.Key, StringComparison.Ordinal)).Select(e => (JsonNode)e.Value.DeepClone()).ToArray());

    /// <summary>The JSON size of the entities a piece of text needs (each occurrence counted, to stay on the safe side).</summary>
    public int EntityBytes(string text)
    {
        var total = 0;
        foreach (var (mention, entity) in entities)
        {
            if (text.Contains(mention, StringComparison.Ordinal))
            {
                total += AdaptiveCard.SizeOf(entity) + 1;
            }
        }

        return total;
    }

    /// <summary>The text with every neutral token written as a Teams mention (recorded for <see cref="Entities"/>).</summary>
    public string Apply(string text)
    {
        if (!text.Contains("<@", StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 32);
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("<@", position, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('>', open + 2);
            if (close < 0)
            {
                break;
            }

            var inner = text.AsSpan(open + 2, close - open - 2);
            var bar = inner.IndexOf('|');
            var id = (bar < 0 ? inner : inner[..bar]).ToString();
            if (id.Length == 0 || id.AsSpan().ContainsAny(' ', '<', '\n'))
            {
                builder.Append(text, position, open + 2 - position);
                position = open + 2;
                continue;
            }

            var label = bar >= 0 && bar < inner.Length - 1 ? inner[(bar + 1)..].ToString() : null;
            var name = Clean(findName(id) ?? label ?? id);
            var mention = $"<at>{name}</at>";
            builder.Append(text, position, open - position).Append(mention);
            if (!entities.ContainsKey(mention))
            {
                entities[mention] = new JsonObject
                {
                    ["type"] = "mention",
                    ["text"] = mention,
                    ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
                };
            }

            position = close + 1;
        }

        builder.Append(text, position, text.Length - position);
        return builder.ToString();
    }

    /// <summary>Names must not break the <c>&lt;at&gt;</c> tag.</summary>
    private static string Clean(string name) => name.Replace('<', '‹').Replace('>', '›').Trim();
}
