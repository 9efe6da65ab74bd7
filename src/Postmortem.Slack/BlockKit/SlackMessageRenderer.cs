using System.Globalization;
using System.Text.Json.Nodes;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;

namespace Postmortem.Slack.BlockKit;

/// <summary>
/// Renders Core's <see cref="MessageContent"/> as Block Kit: mrkdwn sections of at most 3,000 characters, the action
/// item's fields, and the buttons. Content too big for 50 blocks continues in further messages: nothing is cut.
/// </summary>
public static class SlackMessageRenderer
{
    public static IReadOnlyList<SlackBlockMessage> Render(MessageContent content)
    {
        var text = SlackMrkdwn.Escape(content.Text);
        var blocks = new List<JsonObject>();
        if (text.Length > 0)
        {
            blocks.AddRange(SlackBlocks.Sections(text));
        }

        if (content.Purpose == MessagePurpose.ActionItem && content.Item is { } item)
        {
            blocks.AddRange(ItemBlocks(item));
        }

        var actions = SlackBlocks.Actions(content.Buttons).ToList();
        var fallback = Fallback(text);
        if (blocks.Count + actions.Count <= SlackLimits.BlocksPerMessage)
        {
            return [new SlackBlockMessage(fallback, [.. blocks, .. actions])];
        }

        var pages = blocks.Chunk(SlackLimits.BlocksPerMessage).Select(c => c.ToList()).ToList();
        if (pages[^1].Count + actions.Count > SlackLimits.BlocksPerMessage)
        {
            pages.Add([]);
        }

        pages[^1].AddRange(actions);
        return pages
            .Select((page, i) => new SlackBlockMessage(
                i == 0 ? fallback : $"(continued, part {(i + 1).ToString(CultureInfo.InvariantCulture)} of {pages.Count.ToString(CultureInfo.InvariantCulture)})",
                page))
            .ToList();
    }

    /// <summary>The action item's owner, due date, check and status as section fields.</summary>
    internal static IEnumerable<JsonObject> ItemBlocks(ActionItem item)
    {
        var doneWhen = SlackMrkdwn.Escape(item.DoneWhen);
        var fits = doneWhen.Length + 16 <= SlackLimits.FieldText;
        List<string> fields =
        [
            $"*Owner*\n<@{item.OwnerId}>",
            $"*Due*\n{item.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"*Status*\n{StatusText(item.Status)}",
        ];
        if (fits)
        {
            fields.Insert(2, $"*Done when*\n{doneWhen}");
        }

        if (item.TicketUrl is { Length: > 0 } ticket && Uri.TryCreate(ticket, UriKind.Absolute, out _))
        {
            fields.Add($"*Ticket*\n<{ticket}>");
        }

        yield return SlackBlocks.Fields(fields);
        if (!fits)
        {
            foreach (var section in SlackBlocks.Sections($"*Done when*\n{doneWhen}"))
            {
                yield return section;
            }
        }
    }

    internal static string StatusText(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Proposed => "Proposed",
        ActionItemStatus.Confirmed => "Confirmed",
        ActionItemStatus.Rejected => "Declined",
        ActionItemStatus.Done => "Done",
        _ => status.ToString(),
    };

    /// <summary>The notification text: the whole text when short, else its start with an explicit marker.</summary>
    internal static string Fallback(string text) =>
        text.Length <= SlackLimits.FallbackText ? text : SlackMrkdwn.Split(text, SlackLimits.FallbackText - 40)[0] + " … (continued in the message)";
}
