using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Teams.Cards;
using Postmortem.Teams.Outbound;

namespace Postmortem.Teams.Tests.Cards;

public sealed class TeamsCardRendererTests
{
    private const string Sam = "29:1sam-user-id";
    private const string Ana = "29:2ana-user-id";

    private readonly TeamsUserNames names = new();

    [Fact]
    public void Every_card_is_an_Adaptive_Card_1_5_with_its_schema_and_wrapping_text()
    {
        var renderer = Renderer();
        var cards = new List<JsonObject>(renderer.Message(new MessageContent("Postmortem started.\nReply in this thread.", MessagePurpose.Kickoff)))
        {
            renderer.ItemCard(Item(ActionItemStatus.Proposed)),
            renderer.Summary(Document(3)),
            renderer.UpdatedMessage(new MessageContent("Progress")),
        };

        Assert.All(cards, card =>
        {
            Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
            Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
            var texts = card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "TextBlock").ToList();
            Assert.NotEmpty(texts);
            Assert.All(texts, t => Assert.True(t!["wrap"]!.GetValue<bool>()));
        });
    }

    [Fact]
    public void Kickoff_card_has_a_heading_and_one_block_per_line()
    {
        var card = Renderer().Message(new MessageContent("Postmortem started.\nReply in this thread.", MessagePurpose.Kickoff)).Single();

        Assert.Equal(["Postmortem", "Postmortem started.", "Reply in this thread."], Texts(card));
    }

    [Fact]
    public void Core_bold_becomes_card_markdown_bold()
    {
        var card = Renderer().Message(new MessageContent("Answer *why* it happened, not who. 2 * 3 stays.")).Single();

        Assert.Equal("Answer **why** it happened, not who. 2 * 3 stays.", Texts(card).Single());
    }

    [Fact]
    public void Proposed_item_card_has_Execute_buttons_with_data_and_a_Submit_fallback()
    {
        names.Remember(Sam, "Sam Rivera");

        var card = Renderer().ItemCard(Item(ActionItemStatus.Proposed));

        var actions = card["actions"]!.AsArray();
        Assert.Equal(2, actions.Count);
        var confirm = actions[0]!;
        Assert.Equal("Action.Execute", confirm["type"]!.GetValue<string>());
        Assert.Equal(ButtonIds.ConfirmItem, confirm["verb"]!.GetValue<string>());
        Assert.Equal(ButtonIds.ConfirmItem, confirm["data"]!["actionId"]!.GetValue<string>());
        Assert.Equal("1", confirm["data"]!["value"]!.GetValue<string>());
        Assert.Equal("positive", confirm["style"]!.GetValue<string>());
        Assert.Equal("Action.Submit", confirm["fallback"]!["type"]!.GetValue<string>());
        Assert.Equal(ButtonIds.ConfirmItem, confirm["fallback"]!["data"]!["actionId"]!.GetValue<string>());
        Assert.Equal(ButtonIds.DeclineItem, actions[1]!["verb"]!.GetValue<string>());
        Assert.Contains(Texts(card), t => t.Contains("Owner: <at>Sam Rivera</at>", StringComparison.Ordinal));
        Assert.Equal(Sam, card["msteams"]!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Confirmed_item_card_shows_who_decided_and_has_no_buttons()
    {
        names.Remember(Ana, "Ana Lopez");

        var card = Renderer().ItemCard(Item(ActionItemStatus.Confirmed) with { DecidedBy = Ana });

        Assert.Null(card["actions"]);
        Assert.Contains(Texts(card), t => t.Contains("confirmed by <at>Ana Lopez</at>", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_shows_status_severity_durations_cause_items_and_the_web_view_link()
    {
        var card = Renderer().Summary(Document(2));

        var json = card.ToJsonString();
        var facts = card["body"]!.AsArray().Single(b => b!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("In review", facts["Status"]);
        Assert.Equal("SEV2", facts["Severity"]);
        Assert.Equal("1h 25m", facts["Duration"]);
        Assert.Equal("5m", facts["Time to detect"]);
        Assert.Equal("Certificate expired unnoticed", facts["Primary cause"]);
        Assert.Contains(Texts(card), t => t.Contains("Item change 1", StringComparison.Ordinal) && t.Contains("confirmed", StringComparison.Ordinal));
        Assert.Contains(Texts(card), t => t.Contains("Item change 2", StringComparison.Ordinal));
        var open = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        Assert.Equal("https://pm.example.com/postmortems/s%201", open["url"]!.GetValue<string>());
        Assert.Contains("cannot attach the Markdown", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_without_a_public_url_says_where_the_document_is_and_has_no_link()
    {
        var card = Renderer(publicBaseUrl: null).Summary(Document(1));

        Assert.DoesNotContain(card["actions"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "Action.OpenUrl");
        Assert.Contains(Texts(card), t => t.Contains("web view", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_with_many_items_stays_under_the_size_limit_and_says_how_many_more()
    {
        var document = Document(400);

        var card = Renderer().Summary(document);

        Assert.True(Size(card) <= TeamsCardRenderer.MaxCardBytes, $"card is {Size(card)} bytes");
        var shown = Texts(card).Count(t => t.Contains("Item change", StringComparison.Ordinal));
        Assert.True(shown > 0);
        Assert.Contains(Texts(card), t => t == $"…and {400 - shown} more on the [web view](https://pm.example.com/postmortems/s%201).");
    }

    [Fact]
    public void Long_text_is_split_over_cards_under_the_limit_without_losing_a_line()
    {
        var lines = Enumerable.Range(1, 2000).Select(i => $"Line {i}: <@{Sam}> said “the deploy finished” — ünïcödé").ToList();

        var cards = Renderer().Message(new MessageContent(string.Join("\n", lines), MessagePurpose.Status)
        {
            Buttons = [new MessageButton(ButtonIds.Render, "Render")],
        });

        Assert.True(cards.Count > 1);
        Assert.All(cards, c => Assert.True(Size(c) <= TeamsCardRenderer.MaxCardBytes, $"card is {Size(c)} bytes"));
        var shown = cards.SelectMany(Texts).Where(t => t.StartsWith("Line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2000, shown.Count);
        Assert.NotNull(cards[0]["actions"]);
        Assert.All(cards.Skip(1), c => Assert.Null(c["actions"]));
        Assert.Contains($"(part 2 of {cards.Count})", Texts(cards[1]));
    }

    [Fact]
    public void Long_update_is_shortened_with_a_note_saying_how_much_is_left_out()
    {
        var text = string.Join("\n", Enumerable.Range(1, 2000).Select(i => $"Line {i}"));

        var card = Renderer().UpdatedMessage(new MessageContent(text));

        Assert.True(Size(card) <= TeamsCardRenderer.MaxCardBytes);
        Assert.Contains(Texts(card), t => t.StartsWith("…message shortened: ", StringComparison.Ordinal) && t.EndsWith("more characters are not shown here.", StringComparison.Ordinal));
    }

    [Fact]
    public void One_enormous_line_is_cut_into_parts_too()
    {
        var parts = TeamsCardRenderer.SplitText(new string('x', 50_000), 9 * 1024);

        Assert.True(parts.Count > 1);
        Assert.Equal(50_000, parts.Sum(p => p.Length));
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 9 * 1024));
    }

    private static int Size(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString());

    private static List<string> Texts(JsonObject card) =>
        card["body"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "TextBlock").Select(b => b!["text"]!.GetValue<string>()).ToList();

    private static ActionItem Item(ActionItemStatus status) => new()
    {
        Number = 1,
        Change = "Add an expiry alert for the API cert",
        OwnerId = Sam,
        Due = new DateOnly(2026, 11, 27),
        DoneWhen = "the alert fires in staging",
        ProposedBy = Sam,
        ProposedAt = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero),
        MessageKey = "s1:item:1",
        Status = status,
    };

    private static PostmortemDocument Document(int items) => new()
    {
        SessionId = "s 1",
        Title = "Checkout outage",
        Status = SessionStatus.InReview,
        Severity = Severity.Sev2,
        StartedAt = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero),
        Length = TimeSpan.FromMinutes(85),
        TimeToDetect = TimeSpan.FromMinutes(5),
        RootCause = new RootCauseSection() with { PrimaryCause = "Certificate expired unnoticed" },
        CorrectiveActions = Enumerable.Range(1, items)
            .Select(i => new CorrectiveActionRow(i, $"Item change {i} with a fairly long description of the work", Sam, "Sam Rivera",
                new DateOnly(2026, 12, 1), "it is done", i == 1 ? ActionItemStatus.Confirmed : ActionItemStatus.Proposed, null))
            .ToList(),
    };

    private TeamsCardRenderer Renderer(string? publicBaseUrl = "https://pm.example.com") =>
        new(Options.Create(new TeamsOutboundOptions { PublicBaseUrl = publicBaseUrl }), names);
}
