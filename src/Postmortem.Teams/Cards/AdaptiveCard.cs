using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Postmortem.Core.Actions;

namespace Postmortem.Teams.Cards;

/// <summary>Small builders for the Adaptive Card 1.5 JSON the renderers put together.</summary>
internal static partial class AdaptiveCard
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";
    public const string Version = "1.5";

    public static JsonObject Card(JsonArray body, JsonArray? actions, TeamsMentions mentions) =>
        Card(body, actions, mentions.Entities());

    public static JsonObject Card(JsonArray body, JsonArray? actions, JsonArray entities)
    {
        var card = new JsonObject
        {
            ["$schema"] = Schema,
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["body"] = body,
        };
        if (actions is { Count: > 0 })
        {
            card["actions"] = actions;
        }

        var msteams = new JsonObject { ["width"] = "Full" };
        if (entities.Count > 0)
        {
            msteams["entities"] = entities;
        }

        card["msteams"] = msteams;
        return card;
    }

    /// <summary>A wrapping TextBlock; Core's <c>*bold*</c> becomes card Markdown's <c>**bold**</c>.</summary>
    public static JsonObject Text(string text, string? weight = null, string? size = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = Bold().Replace(text, "**$1**"),
            ["wrap"] = true,
        };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    /// <summary>One TextBlock per line; lines of one paragraph sit close together.</summary>
    public static IEnumerable<JsonObject> Lines(string text)
    {
        var newParagraph = false;
        var first = true;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                newParagraph = true;
                continue;
            }

            yield return Text(line, spacing: first || newParagraph ? null : "None");
            first = false;
            newParagraph = false;
        }
    }

    public static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    /// <summary>
    /// A button as <c>Action.Execute</c> (verb = action id, data = {actionId, value}) with an <c>Action.Submit</c>
    /// fallback for clients without Universal Actions.
    /// </summary>
    public static JsonObject Button(MessageButton button, bool destructive = false)
    {
        JsonObject Data()
        {
            var data = new JsonObject { ["actionId"] = button.ActionId };
            if (button.Value is not null)
            {
                data["value"] = button.Value;
            }

            return data;
        }

        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = button.Label,
            ["verb"] = button.ActionId,
            ["data"] = Data(),
        };
        if (button.Primary)
        {
            action["style"] = "positive";
        }
        else if (destructive)
        {
            action["style"] = "destructive";
        }

        action["fallback"] = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = button.Label,
            ["data"] = Data(),
        };
        return action;
    }

    public static JsonObject OpenUrl(string title, string url) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url,
    };

    /// <summary>The size Teams counts: the UTF-8 bytes of the JSON as we send it.</summary>
    public static int SizeOf(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    /// <summary>Shortens free text to <paramref name="max"/> characters, marking the cut with "…".</summary>
    public static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");

    [GeneratedRegex(@"(?<![\*\w])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\*\w])", RegexOptions.CultureInvariant)]
    private static partial Regex Bold();
}
