using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Rendering;
using Postmortem.Teams.Outbound;

namespace Postmortem.Teams.Cards;

/// <summary>
/// Renders the bot's messages as Adaptive Cards 1.5 for Teams: plain messages, action item cards with Confirm /
/// Decline buttons, and the postmortem summary. Every card stays under <see cref="MaxCardBytes"/> (Teams takes about
/// 28 KB per message): long text is split over several cards when posting, or shortened with an explicit note when
/// updating; the summary lists what fits and says how many more are on the web view.
/// </summary>
public sealed class TeamsCardRenderer
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The largest card we send, leaving room for the activity around it under Teams' ~28 KB.</summary>
    public const int MaxCardBytes = 24 * 1024;

    /// <summary>How much of a card its text blocks (and their mention entities) may take before the text is split.</summary>
    internal const int MaxTextBytes = 20 * 1024;

    internal const int MaxSummaryItems = 25;

    private readonly TeamsOutboundOptions options;
    private readonly TeamsUserNames names;

    public TeamsCardRenderer(IOptions<TeamsOutboundOptions> options, TeamsUserNames names)
    {
        this.options = options.Value;
        this.names = names;
    }

    /// <summary>Wraps a card as an activity attachment.</summary>
    public static JsonObject Attachment(JsonObject card) => new()
    {
        ["contentType"] = ContentType,
        ["content"] = card,
    };

    /// <summary>The cards that carry <paramref name="content"/> when posting it: one, or several when the text is long (buttons on the first).</summary>
    public IReadOnlyList<JsonObject> Message(MessageContent content)
    {
        if (content.Item is { } item && content.Purpose == MessagePurpose.ActionItem)
        {
            return [ItemCard(item, content.Buttons)];
        }

        var mentions = new TeamsMentions(names.Find);
        var text = mentions.Apply(TeamsCommandForm(content.Text));
        var parts = SplitText(text, MaxTextBytes, mentions.EntityBytes);
        var cards = new List<JsonObject>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var heading = i == 0 ? Heading(content.Purpose) : null;
            var note = parts.Count > 1 ? $"(part {i + 1} of {parts.Count})" : null;
            cards.Add(TextCard(heading, parts[i], note, i == 0 ? content.Buttons : [], mentions));
        }

        return cards;
    }

    /// <summary>One card replacing an earlier message: text that does not fit is cut with a note saying how much is left out.</summary>
    public JsonObject UpdatedMessage(MessageContent content)
    {
        if (content.Item is { } item && content.Purpose == MessagePurpose.ActionItem)
        {
            return ItemCard(item, content.Buttons);
        }

        var mentions = new TeamsMentions(names.Find);
        var text = mentions.Apply(TeamsCommandForm(content.Text));
        var parts = SplitText(text, MaxTextBytes, mentions.EntityBytes);
        var left = parts.Skip(1).Sum(p => p.Length).ToString(CultureInfo.InvariantCulture);
        var note = parts.Count > 1 ? $"…message shortened: {left} more characters are not shown here." : null;
        return TextCard(Heading(content.Purpose), parts[0], note, content.Buttons, mentions);
    }

    /// <summary>
    /// The card for an action item: the change, owner, due date, done-when check and status; Confirm / Decline while it
    /// is proposed. The Host returns it from an <c>adaptiveCard/action</c> invoke to replace the pressed card.
    /// </summary>
    public JsonObject ItemCard(ActionItem item) => ItemCard(item, []);

    /// <summary>
    /// The postmortem summary card, linking to the web view when <see cref="TeamsOutboundOptions.PublicBaseUrl"/> is set.
    /// People are named as plain <c>@Name</c> text, not mentions, so rendering again notifies nobody.
    /// </summary>
    public JsonObject Summary(PostmortemDocument document)
    {
        var people = document.People;
        string Plain(string text, int max) => AdaptiveCard.Shorten(MentionText.Resolve(text, people), max);

        var url = options.PostmortemUrl(document.SessionId);
        var mentions = new TeamsMentions(names.Find);
        var body = new JsonArray
        {
            AdaptiveCard.Text("Postmortem — " + Plain(document.Title, 200), "Bolder", "Large"),
        };
        if (document.Summary.Length > 0)
        {
            body.Add(AdaptiveCard.Text(Plain(document.Summary, 1500)));
        }

        var facts = new JsonArray
        {
            AdaptiveCard.Fact("Status", DocumentText.Status(document.Status)),
            AdaptiveCard.Fact("Severity", DocumentText.Severity(document.Severity) ?? DocumentText.NoneRecorded),
            AdaptiveCard.Fact("Duration", Span(document.Length)),
            AdaptiveCard.Fact("Time to detect", Span(document.TimeToDetect)),
            AdaptiveCard.Fact("Time to mitigate", Span(document.TimeToMitigate)),
            AdaptiveCard.Fact("Time to resolve", Span(document.TimeToResolve)),
            AdaptiveCard.Fact("Primary cause", document.RootCause.PrimaryCause is { } cause ? Plain(cause, 500) : DocumentText.NoneRecorded),
        };
        if (document.StartedAt is { } started)
        {
            facts.Insert(2, AdaptiveCard.Fact("Started", HumanDate.DateTime(started)));
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        body.Add(AdaptiveCard.Text($"Action items ({document.CorrectiveActions.Count})", "Bolder", "Medium"));
        if (document.CorrectiveActions.Count == 0)
        {
            body.Add(AdaptiveCard.Text(DocumentText.NoneRecorded, subtle: true));
        }

        var where = url is null
            ? "Teams cannot attach the Markdown document to a channel post; the full postmortem is on the web view."
            : $"Teams cannot attach the Markdown document to a channel post; read the full postmortem on the [web view]({url}).";
        var actions = new JsonArray();
        if (url is not null)
        {
            actions.Add(AdaptiveCard.OpenUrl("Open full postmortem", url));
        }

        actions.Add(AdaptiveCard.Button(new MessageButton(ButtonIds.Render, "Refresh summary", document.SessionId)));

        // Add items while the card stays small enough, keeping room for the "…and N more" line and the footer.
        var reserve = AdaptiveCard.SizeOf(AdaptiveCard.Text(where, subtle: true)) + 600;
        var baseSize = AdaptiveCard.SizeOf(AdaptiveCard.Card(body.DeepClone().AsArray(), actions.DeepClone().AsArray(), mentions));
        var shown = 0;
        foreach (var row in document.CorrectiveActions)
        {
            var line = AdaptiveCard.Text(ItemLine(row, people), spacing: "Small");
            var size = AdaptiveCard.SizeOf(line);
            if (shown >= MaxSummaryItems || baseSize + size + reserve > MaxCardBytes)
            {
                break;
            }

            body.Add(line);
            baseSize += size + 1;
            shown++;
        }

        var more = document.CorrectiveActions.Count - shown;
        if (more > 0)
        {
            var rest = more.ToString(CultureInfo.InvariantCulture);
            body.Add(AdaptiveCard.Text(
                url is null ? $"…and {rest} more on the web view." : $"…and {rest} more on the [web view]({url}).",
                "Bolder"));
        }

        body.Add(AdaptiveCard.Text(where, subtle: true));
        return AdaptiveCard.Card(body, actions, mentions);
    }

    /// <summary>
    /// Cuts text into pieces whose cards' text blocks (one per line, as JSON, plus the mention entities they need) take at
    /// most <paramref name="maxBytes"/>; cuts at line ends where it can.
    /// </summary>
    internal static IReadOnlyList<string> SplitText(string text, int maxBytes, Func<string, int>? extraBytes = null)
    {
        int Cost(string line) => AdaptiveCard.SizeOf(AdaptiveCard.Text(line, spacing: "None")) + 1 + (extraBytes?.Invoke(line) ?? 0);

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (lines.Sum(Cost) <= maxBytes)
        {
            return [text];
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        var currentBytes = 0;
        foreach (var line in lines)
        {
            var rest = line;
            while (true)
            {
                var lineBytes = Cost(rest);
                if (currentBytes + lineBytes <= maxBytes)
                {
                    current.Append(rest).Append('\n');
                    currentBytes += lineBytes;
                    break;
                }

                if (currentBytes > 0)
                {
                    parts.Add(current.ToString().TrimEnd('\n'));
                    current.Clear();
                    currentBytes = 0;
                    continue;
                }

                // One line longer than a whole part: cut it (JSON escaping takes at most 6 bytes a character).
                var take = Math.Clamp((maxBytes - 512) / 6, 1, rest.Length);
                if (take < rest.Length && char.IsHighSurrogate(rest[take - 1]))
                {
                    take--;
                }

                parts.Add(rest[..take]);
                rest = rest[take..];
                if (rest.Length == 0)
                {
                    break;
                }
            }
        }

        if (currentBytes > 0)
        {
            parts.Add(current.ToString().TrimEnd('\n'));
        }

        return parts;
    }

    /// <summary>Core writes commands as <c>`/postmortem …`</c>; in Teams they are typed as a mention, <c>@Postmortem …</c>.</summary>
    internal static string TeamsCommandForm(string text) =>
        text.Replace("`/postmortem", "`@Postmortem", StringComparison.Ordinal);

    /// <summary>A heading above the text; none for why prompts, whose text must open with <c>Why N:</c>.</summary>
    private static string? Heading(MessagePurpose purpose) => purpose switch
    {
        MessagePurpose.Kickoff => "Postmortem",
        MessagePurpose.Status => "Postmortem status",
        MessagePurpose.Help => "Postmortem help",
        _ => null,
    };

    private static string Span(TimeSpan? span) => span is { } value ? HumanDate.Duration(value) : DocumentText.NoneRecorded;

    private static string ItemLine(CorrectiveActionRow row, IReadOnlyDictionary<string, string> people)
    {
        var number = row.Number.ToString(CultureInfo.InvariantCulture);
        var change = AdaptiveCard.Shorten(MentionText.Resolve(row.Change, people), 300);
        var ticket = row.TicketUrl is { Length: > 0 } link ? $" · [ticket]({link})" : "";
        return $"**#{number}** {change} — {row.OwnerName}, due {HumanDate.Date(row.Due)} — *{DocumentText.ActionStatus(row.Status)}*{ticket}";
    }

    private static JsonObject TextCard(string? heading, string text, string? note, IReadOnlyList<MessageButton> buttons, TeamsMentions mentions)
    {
        var body = new JsonArray();
        if (heading is not null)
        {
            body.Add(AdaptiveCard.Text(heading, "Bolder", "Medium"));
        }

        foreach (var line in AdaptiveCard.Lines(text))
        {
            body.Add(line);
        }

        if (note is not null)
        {
            body.Add(AdaptiveCard.Text(note, subtle: true));
        }

        return AdaptiveCard.Card(body, Actions(buttons), mentions.EntitiesIn(text));
    }

    private JsonObject ItemCard(ActionItem item, IReadOnlyList<MessageButton> buttons)
    {
        var mentions = new TeamsMentions(names.Find);
        var number = item.Number.ToString(CultureInfo.InvariantCulture);
        var owner = mentions.Apply(Core.Chat.Mention.Of(item.OwnerId));
        var status = item.Status switch
        {
            ActionItemStatus.Confirmed => "✅ confirmed by " + mentions.Apply(Core.Chat.Mention.Of(item.DecidedBy ?? item.OwnerId)),
            ActionItemStatus.Rejected => "❌ declined by " + mentions.Apply(Core.Chat.Mention.Of(item.DecidedBy ?? item.OwnerId)),
            ActionItemStatus.Done => "done",
            _ => "proposed — the owner confirms or declines",
        };

        var body = new JsonArray
        {
            AdaptiveCard.Text($"Action item #{number}:", "Bolder", "Medium"),
            AdaptiveCard.Text(mentions.Apply(AdaptiveCard.Shorten(item.Change, 2000))),
            AdaptiveCard.Text($"Owner: {owner} · Due: {HumanDate.Date(item.Due)}"),
            AdaptiveCard.Text("Done when: " + mentions.Apply(AdaptiveCard.Shorten(item.DoneWhen, 2000)), spacing: "None"),
            AdaptiveCard.Text("Status: " + status, spacing: "None"),
        };
        if (item.TicketUrl is { Length: > 0 } ticket)
        {
            body.Add(AdaptiveCard.Text($"[Ticket]({ticket})", spacing: "None"));
        }

        if (buttons.Count == 0 && item.Status == ActionItemStatus.Proposed)
        {
            buttons =
            [
                new MessageButton(ButtonIds.ConfirmItem, "Confirm", number, Primary: true),
                new MessageButton(ButtonIds.DeclineItem, "Decline", number),
            ];
        }

        return AdaptiveCard.Card(body, Actions(buttons), mentions);
    }

    private static JsonArray Actions(IReadOnlyList<MessageButton> buttons) =>
        new(buttons.Select(b => (JsonNode)AdaptiveCard.Button(b, destructive: b.ActionId == ButtonIds.DeclineItem)).ToArray());
}
