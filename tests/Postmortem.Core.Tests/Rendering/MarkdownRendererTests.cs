using System.Text.Json;
using System.Text.Json.Serialization;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;
using static Postmortem.Core.Tests.Rendering.Incident;

namespace Postmortem.Core.Tests.Rendering;

public class MarkdownRendererTests
{
    /// <summary>The template's headings, in order (hard-coded: the shared template folder is not in the repository).</summary>
    private static readonly string[] Headings =
    [
        "# Postmortem — Checkout errors",
        "## Summary",
        "## Impact & Timeline",
        "## Root Cause Analysis",
        "### 5 Whys",
        "## Corrective Actions",
        "## Preventive Measures",
        "## Lessons Learned",
        "## Responders & Review",
        "## Appendix: Transcript",
    ];

    private static readonly DateTimeOffset Generated = At(240);

    private static string RenderEmpty() =>
        MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(Session(), Channel(), Generated));

    private static string RenderFull() =>
        MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(FullSession(), FullChannel(), Generated));

    private static PostmortemSession FullSession() => Session(since: At(0)) with
    {
        Severity = Severity.Sev2,
        Status = SessionStatus.InReview,
        Marks =
        [
            new MomentMark(KeyMoment.Detected, At(5), Alice.Id),
            new MomentMark(KeyMoment.Mitigated, At(50), Bob.Id),
            new MomentMark(KeyMoment.Resolved, At(85), Bob.Id),
        ],
        Notes = [new Note(At(20), Carol.Id, "Paged the payments team")],
        Chains =
        [
            Chain(
                1,
                "Why did checkout return 500s?",
                CauseKind.Trigger,
                "No alert on checkout error rate",
                Answer(1, "Why did checkout return 500s?", "The payments client used a bad timeout", "https://git.example/pr/42"),
                Answer(2, "Why was the timeout bad?", "Config push skipped validation")),
            Chain(2, "Why did rollback take 30 minutes?", CauseKind.Latent, null, Answer(1, "Why did rollback take 30 minutes?", "Rollback is manual")),
        ],
        Items =
        [
            Item(1, "Validate | schema of payments config in CI", Alice, ActionItemStatus.Confirmed, "https://tracker.example/OPS-1"),
            Item(2, "Alert on checkout 5xx above 2%", Bob, ActionItemStatus.Proposed),
            Item(3, "Automate rollback", Carol, ActionItemStatus.Rejected),
            Item(4, "Add runbook link to alert", Bob, ActionItemStatus.Done),
        ],
        AccuracyConfirmations = [new Confirmation(Bob.Id, At(300))],
    };

    private static ChannelTimeline FullChannel()
    {
        var timeline = Channel(
            Message("m0", -30, Carol, "unrelated chatter before the incident"),
            Message("m1", 0, Pager, "ALERT checkout 5xx > 10%"),
            Message("m2", 2, Bob, "seeing 500s | on checkout\nsince 13:58", highlighted: true),
            Message("m3", 3, Alice, "thanks <@U2>, looking", edited: true),
            Message("m2r", 4, Carol, "payments timeouts in logs", threadId: "m2"),
            Message("bot", 6, Self, "Why 1: why did checkout return 500s?"),
            Message("m4", 7, Carol, "oops wrong channel"),
            Message("m5", 1500, Bob, "follow-up next day"));
        timeline.Apply(TimelineChange.Remove("m4"));
        return timeline;
    }

    private static List<string> Lines(string markdown) => [.. markdown.Split('\n')];

    private static string After(string markdown, string heading) => Lines(markdown)[Lines(markdown).IndexOf(heading) + 1];

    private static List<string> HeadingsOf(string markdown) => Lines(markdown).Where(l => l.StartsWith('#')).ToList();

    [Fact]
    public void Every_template_section_is_present_in_order_for_an_empty_session() =>
        Assert.Equal(Headings, HeadingsOf(RenderEmpty()));

    [Fact]
    public void Every_template_section_is_present_in_order_for_a_full_session_even_with_hashes_in_messages()
    {
        var timeline = FullChannel();
        timeline.Apply(TimelineChange.Upsert(Message("h1", 8, Bob, "## Summary\n# not a heading")));

        var markdown = MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(FullSession(), timeline, Generated));

        Assert.Equal(Headings, HeadingsOf(markdown));
    }

    [Fact]
    public void Empty_session_says_none_recorded_in_each_empty_place()
    {
        var lines = Lines(RenderEmpty());

        string[] expected =
        [
            "- Severity: none recorded",
            "- Impact scope: none recorded",
            "- Duration: none recorded",
            "- Time to detect: none recorded   ·   Time to mitigate: none recorded   ·   Time to resolve: none recorded",
            "- Primary cause: none recorded",
            "- Trigger: none recorded",
            "- Latent conditions: none recorded",
            "- Contributing factors: none recorded",
            "- Detection gaps: none recorded",
            "- Monitoring updates: none recorded",
            "- Process improvements: none recorded",
            "- Follow-up reviews: none recorded",
            "- What went well: none recorded",
            "- What went poorly: none recorded",
            "- Where we got lucky: none recorded",
            "- Responders: none recorded",
            "- Accuracy confirmed by: none recorded",
        ];
        Assert.All(expected, line => Assert.Contains(line, lines));
        foreach (var heading in new[] { "### 5 Whys", "## Corrective Actions", "## Appendix: Transcript" })
        {
            Assert.Equal("none recorded", lines[lines.IndexOf(heading) + 1]);
        }

        var timeTo = lines.FindIndex(l => l.StartsWith("- Time to detect", StringComparison.Ordinal));
        Assert.Equal("none recorded", lines[timeTo + 2]);
        Assert.DoesNotContain(lines, l => l.StartsWith('|'));
    }

    [Fact]
    public void Header_line_names_status_channel_and_generated_time()
    {
        var lines = Lines(RenderFull());

        Assert.Equal("# Postmortem — Checkout errors", lines[0]);
        Assert.Equal(
            "Status: In review   ·   Channel: [#inc-checkout](https://chat.example/C1)   ·   Generated: 2026-11-27 (Fri) 18:00 UTC",
            lines[2]);
    }

    [Fact]
    public void Impact_lines_show_severity_duration_and_times_to_detect_mitigate_resolve()
    {
        var lines = Lines(RenderFull());

        Assert.Contains("- Severity: SEV2", lines);
        Assert.Contains("- Duration: 2026-11-27 (Fri) 14:00 UTC → 2026-11-27 (Fri) 15:25 UTC (1h 25m)", lines);
        Assert.Contains("- Time to detect: 5m   ·   Time to mitigate: 50m   ·   Time to resolve: 1h 25m", lines);
    }

    [Fact]
    public void Timeline_table_lists_highlights_key_moments_and_notes_in_time_order_with_pipes_escaped()
    {
        var markdown = RenderFull();

        const string Expected = """
            | Time (UTC) | Event | Owner | Notes |
            | --- | --- | --- | --- |
            | 14:02 | seeing 500s \| on checkout<br>since 13:58 ([message](https://chat.example/C1/m2)) | Bob | highlight |
            | 14:05 | Marked as detected | Alice | key moment: detected (set by hand) |
            | 14:20 | Paged the payments team | Carol | note |
            | 14:50 | Marked as mitigated | Bob | key moment: mitigated (set by hand) |
            | 15:25 | Marked as resolved | Bob | key moment: resolved (set by hand) |
            """;
        Assert.Contains(Expected.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n\n## Root Cause Analysis", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_rows_on_another_day_show_the_date()
    {
        var session = FullSession() with { Notes = [new Note(At(1500), Carol.Id, "Follow-up review booked")] };

        var markdown = MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(session, FullChannel(), Generated));

        Assert.Contains("| 2026-11-28 (Sat) 15:00 | Follow-up review booked | Carol | note |", Lines(markdown));
    }

    [Fact]
    public void Root_cause_lines_come_from_chain_conclusions()
    {
        var lines = Lines(RenderFull());

        Assert.Contains("- Primary cause: Config push skipped validation", lines);
        Assert.Contains("- Trigger: Config push skipped validation", lines);
        Assert.Contains("- Latent conditions: Rollback is manual", lines);
        Assert.Contains("- Contributing factors: Rollback is manual", lines);
        Assert.Contains("- Detection gaps: No alert on checkout error rate", lines);
    }

    [Fact]
    public void Whys_show_evidence_or_no_evidence_given()
    {
        var markdown = RenderFull();

        const string Expected = """
            **Chain 1: Why did checkout return 500s?** — trigger

            1. Why did checkout return 500s?
               - Answer: The payments client used a bad timeout (Bob)
               - Evidence: https://git.example/pr/42
            2. Why was the timeout bad?
               - Answer: Config push skipped validation (Bob)
               - Evidence: no evidence given
            """;
        Assert.Contains(Expected.Replace("\r\n", "\n", StringComparison.Ordinal), markdown, StringComparison.Ordinal);
        Assert.Contains("**Chain 2: Why did rollback take 30 minutes?** — latent condition", Lines(markdown));
    }

    [Fact]
    public void Corrective_actions_table_shows_every_status_with_dates_and_escaped_pipes()
    {
        var markdown = RenderFull();

        const string Done = "a canary deploy with a bad config is rolled back automatically";
        string[] rows =
        [
            "| Action | Owner | Due date | Done when | Status | Ticket |",
            "| --- | --- | --- | --- | --- | --- |",
            $"| Validate \\| schema of payments config in CI | Alice | 2026-12-05 (Sat) | {Done} | confirmed | https://tracker.example/OPS-1 |",
            $"| Alert on checkout 5xx above 2% | Bob | 2026-12-05 (Sat) | {Done} | proposed | none recorded |",
            $"| Automate rollback | Carol | 2026-12-05 (Sat) | {Done} | rejected | none recorded |",
            $"| Add runbook link to alert | Bob | 2026-12-05 (Sat) | {Done} | done | none recorded |",
        ];
        Assert.Contains("## Corrective Actions\n" + string.Join("\n", rows) + "\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Responders_and_accuracy_confirmations_are_named_with_time()
    {
        var lines = Lines(RenderFull());

        Assert.Contains("- Responders: Bob, Alice, Carol", lines);
        Assert.Contains("- Accuracy confirmed by: Bob on 2026-11-27 (Fri) 19:00 UTC", lines);
    }

    [Fact]
    public void Transcript_indents_replies_marks_edits_and_leaves_out_deleted_and_bot_messages()
    {
        var markdown = RenderFull();

        const string Expected = """
            ## Appendix: Transcript
            **2026-11-27 (Fri)**

            - 14:00 UTC · PagerBot: ALERT checkout 5xx > 10% ([link](https://chat.example/C1/m1))
            - 14:02 UTC · Bob: seeing 500s | on checkout
              since 13:58 ([link](https://chat.example/C1/m2))
              - 14:04 UTC · Carol: payments timeouts in logs ([link](https://chat.example/C1/m2r))
            - 14:03 UTC · Alice: thanks @Bob, looking _(edited)_ ([link](https://chat.example/C1/m3))

            **2026-11-28 (Sat)**

            - 15:00 UTC · Bob: follow-up next day ([link](https://chat.example/C1/m5))

            """;
        Assert.EndsWith(Expected.Replace("\r\n", "\n", StringComparison.Ordinal), markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong channel", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Why 1:", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("unrelated chatter", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Mentions_show_display_names_everywhere()
    {
        var session = FullSession() with { Notes = [new Note(At(20), Carol.Id, "handed over to <@U1|al> and <@U9|dana>")] };

        var markdown = MarkdownRenderer.Render(PostmortemDocumentBuilder.Build(session, FullChannel(), Generated));

        Assert.Contains("| 14:20 | handed over to @Alice and @dana | Carol | note |", Lines(markdown));
        Assert.DoesNotContain("<@", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_survives_a_json_round_trip_so_it_can_be_stored_in_the_outbox()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var document = PostmortemDocumentBuilder.Build(FullSession(), FullChannel(), Generated);

        var back = JsonSerializer.Deserialize<PostmortemDocument>(JsonSerializer.Serialize(document, options), options)!;

        Assert.Equal(MarkdownRenderer.Render(document), MarkdownRenderer.Render(back));
    }

    [Fact]
    public void Rendering_is_deterministic() => Assert.Equal(RenderFull(), RenderFull());

    [Fact]
    public void An_incident_without_a_resolution_says_so_in_the_duration()
    {
        var document = new PostmortemDocument
        {
            SessionId = "pm-1",
            Title = "Checkout errors",
            StartedAt = new DateTimeOffset(2026, 11, 27, 14, 5, 0, TimeSpan.Zero),
        };

        var markdown = MarkdownRenderer.Render(document);

        Assert.Contains("- Duration: 2026-11-27 (Fri) 14:05 UTC → no resolution recorded\n", markdown);
    }
}
