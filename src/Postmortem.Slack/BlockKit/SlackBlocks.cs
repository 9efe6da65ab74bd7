using System.Text.Json.Nodes;
using Postmortem.Core.Actions;

namespace Postmortem.Slack.BlockKit;

/// <summary>Builders for the few Block Kit blocks we use; texts passed in are already escaped mrkdwn.</summary>
internal static class SlackBlocks
{
    public static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    /// <summary>As many sections as the text needs at 3,000 characters each.</summary>
    public static IEnumerable<JsonObject> Sections(string mrkdwn) =>
        SlackMrkdwn.Split(mrkdwn, SlackLimits.SectionText).Select(Section);

    public static JsonObject Fields(IEnumerable<string> fields) =>
        new()
        {
            ["type"] = "section",
            ["fields"] = new JsonArray(fields.Take(SlackLimits.FieldsPerSection).Select(f => (JsonNode)Mrkdwn(f)).ToArray()),
        };

    public static JsonObject Header(string plain) =>
        new() { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = plain, ["emoji"] = true } };

    public static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(mrkdwn)) };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    /// <summary>Buttons in actions blocks of at most 25 elements each.</summary>
    public static IEnumerable<JsonObject> Actions(IReadOnlyList<MessageButton> buttons) =>
        buttons.Chunk(SlackLimits.ElementsPerActions).Select(chunk => new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(chunk.Select(b => (JsonNode)Button(b)).ToArray()),
        });

    private static JsonObject Button(MessageButton button)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject
            {
                ["type"] = "plain_text",
                ["text"] = SlackMrkdwn.Shorten(button.Label, SlackLimits.ButtonText),
                ["emoji"] = true,
            },
            ["action_id"] = button.ActionId,
        };
        if (button.Value is not null)
        {
            element["value"] = button.Value;
        }

        if (button.Primary)
        {
            element["style"] = "primary";
        }

        return element;
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
