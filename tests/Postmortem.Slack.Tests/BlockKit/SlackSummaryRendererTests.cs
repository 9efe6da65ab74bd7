using System.Text.Json.Nodes;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Slack.BlockKit;

namespace Postmortem.Slack.Tests.BlockKit;

public sealed class SlackSummaryRendererTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 14, 2, 0, TimeSpan.Zero);

    [Fact]
    public void Summary_shows_title_status_severity_durations_root_cause_items_and_links()
    {
        var document = Document(actionCount: 2);

        var message = SlackSummaryRenderer.Render(document, "postmortem.md", "https://pm.example.com/postmortems/s1");

        var texts = AllText(message);
        Assert.Equal("header", message.Blocks[0]["type"]!.GetValue<string>());
        Assert.Contains("Postmortem: Checkout latency", texts, StringComparison.Ordinal);
        Assert.Contains("*Status*\nIn review", texts, StringComparison.Ordinal);
        Assert.Contains("*Severity*\nSEV2", texts, StringComparison.Ordinal);
        Assert.Contains("*Started*\n2026-11-20 14:02 UTC", texts, StringComparison.Ordinal);
        Assert.Contains("*Duration*\n1h 25m", texts, StringComparison.Ordinal);
        Assert.Contains("*Time to detect*\n4m", texts, StringComparison.Ordinal);
        Assert.Contains("pool exhausted by a retry storm", texts, StringComparison.Ordinal);
        Assert.Contains("*#2* Change 2", texts, StringComparison.Ordinal);
        Assert.Contains("Owner: <@U0BOB0001>", texts, StringComparison.Ordinal);
        Assert.Contains("<https://pm.example.com/postmortems/s1|Open the web view>", texts, StringComparison.Ordinal);
        Assert.Contains("`postmortem.md`", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("more action items", texts, StringComparison.Ordinal);
        Assert.Contains("Checkout latency", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_action_items_stay_within_fifty_blocks_and_say_how_many_more_are_in_the_document()
    {
        var message = SlackSummaryRenderer.Render(Document(actionCount: 120), "postmortem.md", null);

        Assert.InRange(message.Blocks.Count, 1, SlackLimits.BlocksPerMessage);
        var shown = message.Blocks.Count(b => Text(b)?.StartsWith("*#", StringComparison.Ordinal) == true);
        var texts = AllText(message);
        Assert.Contains($"…and {120 - shown} more action items, see the document `postmortem.md`", texts, StringComparison.Ordinal);
        Assert.True(shown > 10);
        Assert.DoesNotContain("Open the web view", texts, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_texts_never_break_a_limit_and_point_to_the_document()
    {
        var huge = string.Join(" ", Enumerable.Repeat("the retry storm exhausted the pool", 2000));
        var document = Document(actionCount: 60) with
        {
            Title = new string('T', 400),
            Summary = huge,
            RootCause = new RootCauseSection(huge, [huge], [], [], []),
        };

        var message = SlackSummaryRenderer.Render(document, "postmortem.md", null);

        Assert.InRange(message.Blocks.Count, 1, SlackLimits.BlocksPerMessage);
        Assert.All(message.Blocks, b => Assert.InRange(Text(b)?.Length ?? 0, 0, SlackLimits.SectionText));
        Assert.Contains("more sections of this text, see the document", AllText(message), StringComparison.Ordinal);
        Assert.Contains("more action items", AllText(message), StringComparison.Ordinal);
        Assert.InRange(message.Text.Length, 1, SlackLimits.FallbackText);
    }

    [Theory]
    [InlineData(0, "0m")]
    [InlineData(45, "45s")]
    [InlineData(3600 + 1500, "1h 25m")]
    [InlineData(2 * 86400 + 3 * 3600, "2d 3h")]
    public void Durations_read_like_a_person_wrote_them(int seconds, string expected) =>
        Assert.Equal(expected, SlackSummaryRenderer.Duration(TimeSpan.FromSeconds(seconds)));

    private static PostmortemDocument Document(int actionCount) => new()
    {
        SessionId = "s1",
        Title = "Checkout latency",
        Status = SessionStatus.InReview,
        Severity = Severity.Sev2,
        Summary = "Checkout p99 rose above 2s for 85 minutes after a deploy.",
        StartedAt = Start,
        EndedAt = Start.AddMinutes(85),
        Length = TimeSpan.FromMinutes(85),
        TimeToDetect = TimeSpan.FromMinutes(4),
        TimeToMitigate = TimeSpan.FromMinutes(40),
        TimeToResolve = TimeSpan.FromMinutes(85),
        RootCause = new RootCauseSection("pool exhausted by a retry storm", ["deploy 2026.11.20-3"], ["no pool alert"], [], ["no saturation alert"]),
        CorrectiveActions = Enumerable.Range(1, actionCount)
            .Select(i => new CorrectiveActionRow(i, $"Change {i}", "U0BOB0001", "Bob", new DateOnly(2026, 12, 1), $"check {i} passes", ActionItemStatus.Confirmed, null))
            .ToList(),
    };

    private static string? Text(JsonObject block) =>
        block["text"] is JsonObject text ? text["text"]!.GetValue<string>() : null;

    private static string AllText(SlackBlockMessage message) => string.Join("\n", message.Blocks.SelectMany(Strings));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
