using Postmortem.Core.ActionItems;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;
using static Postmortem.Core.Tests.Rendering.Incident;

namespace Postmortem.Core.Tests.Rendering;

public class PostmortemDocumentBuilderTests
{
    private static readonly DateTimeOffset Generated = At(240);

    [Fact]
    public void Empty_session_builds_a_document_with_nothing_recorded()
    {
        var document = PostmortemDocumentBuilder.Build(Session(), Channel(), Generated);

        Assert.Equal("Checkout errors", document.Title);
        Assert.Equal("inc-checkout", document.ChannelName);
        Assert.Equal(Generated, document.GeneratedAt);
        Assert.Null(document.StartedAt);
        Assert.Null(document.TimeToDetect);
        Assert.Null(document.ImpactScope);
        Assert.Empty(document.Timeline);
        Assert.Null(document.RootCause.PrimaryCause);
        Assert.Empty(document.Transcript);
        Assert.Empty(document.Responders);
    }

    [Fact]
    public void Times_are_measured_from_the_first_message_when_detection_came_later()
    {
        var session = Session() with
        {
            Marks =
            [
                new MomentMark(KeyMoment.Detected, At(5), Alice.Id),
                new MomentMark(KeyMoment.Mitigated, At(50), Bob.Id),
                new MomentMark(KeyMoment.Resolved, At(85), Bob.Id),
            ],
        };

        var document = PostmortemDocumentBuilder.Build(session, Channel(Message("m1", 0, Alice, "checkout is slow")), Generated);

        Assert.Equal(At(0), document.StartedAt);
        Assert.Equal(At(85), document.EndedAt);
        Assert.Equal(TimeSpan.FromMinutes(5), document.TimeToDetect);
        Assert.Equal(TimeSpan.FromMinutes(50), document.TimeToMitigate);
        Assert.Equal(TimeSpan.FromMinutes(85), document.TimeToResolve);
        Assert.Equal(TimeSpan.FromMinutes(85), document.Length);
    }

    [Fact]
    public void Incident_starts_at_the_detected_moment_when_it_precedes_every_message()
    {
        var session = Session() with { Marks = [new MomentMark(KeyMoment.Detected, At(-10), Alice.Id)] };

        var document = PostmortemDocumentBuilder.Build(session, Channel(Message("m1", 0, Alice, "checkout is slow")), Generated);

        Assert.Equal(At(-10), document.StartedAt);
        Assert.Equal(TimeSpan.Zero, document.TimeToDetect);
        Assert.Null(document.TimeToResolve);
    }

    [Fact]
    public void Timeline_rows_are_key_moments_highlights_and_notes_in_time_order()
    {
        var session = Session(since: At(0)) with
        {
            Marks = [new MomentMark(KeyMoment.Mitigated, At(50), Bob.Id)],
            Notes = [new Note(At(20), Carol.Id, "Paged the payments team")],
        };
        var timeline = Channel(
            Message("early", -5, Bob, "pinned before the incident", highlighted: true),
            Message("m1", 10, Bob, "error rate at 30%", highlighted: true),
            Message("m2", 15, Alice, "plain chatter"),
            Message("m3", 60, Pager, "ALERT resolved", highlighted: true));

        var rows = PostmortemDocumentBuilder.Build(session, timeline, Generated).Timeline;

        Assert.Collection(
            rows,
            r => Assert.Equal(("error rate at 30%", "Bob", true, false), (r.Text, r.OwnerName, r.Highlight, r.IsNote)),
            r => Assert.Equal(("Paged the payments team", "Carol", true), (r.Text, r.OwnerName, r.IsNote)),
            r => Assert.Equal((KeyMoment.Mitigated, true, "Bob"), (Assert.Single(r.KeyMoments), r.SetByHand, r.OwnerName)),
            r => Assert.Equal(("ALERT resolved", "PagerBot", "https://chat.example/C1/m3"), (r.Text, r.OwnerName, r.Link)));
    }

    [Fact]
    public void Root_cause_comes_from_chain_conclusions()
    {
        var session = Session() with
        {
            Chains =
            [
                Chain(3, "Why was the alert late?", CauseKind.Latent, "No alert on checkout error rate", Answer(1, "Why?", "Threshold was 50%")),
                Chain(1, "Why did checkout fail?", CauseKind.Trigger, "Canary did not cover checkout", Answer(1, "Why?", "Bad config"), Answer(2, "Why?", "Config push skipped validation")),
                Chain(2, "Why no rollback?", null, null),
            ],
        };

        var cause = PostmortemDocumentBuilder.Build(session, Channel(), Generated).RootCause;

        Assert.Equal("Config push skipped validation", cause.PrimaryCause);
        Assert.Equal(["Config push skipped validation"], cause.Triggers);
        Assert.Equal(["Threshold was 50%"], cause.LatentConditions);
        Assert.Equal(["Threshold was 50%"], cause.ContributingFactors);
        Assert.Equal(["Canary did not cover checkout", "No alert on checkout error rate"], cause.DetectionGaps);
    }

    [Fact]
    public void Primary_cause_is_the_first_chain_that_has_answers()
    {
        var session = Session() with
        {
            Chains = [Chain(1, "Unanswered", null, null), Chain(2, "Answered", null, null, Answer(1, "Why?", "Disk full"))],
        };

        var cause = PostmortemDocumentBuilder.Build(session, Channel(), Generated).RootCause;

        Assert.Equal("Disk full", cause.PrimaryCause);
        Assert.Empty(cause.ContributingFactors);
    }

    [Fact]
    public void Responders_are_distinct_people_in_order_of_first_message_with_known_names()
    {
        var timeline = Channel(
            Message("m0", -5, Carol, "before the start point"),
            Message("m1", 1, Bob, "seeing 500s"),
            Message("m2", 2, Pager, "ALERT"),
            Message("m3", 3, Alice, "on it"),
            Message("m4", 4, Bob, "rolling back"),
            Message("m5", 5, Self, "Why 1: why did it fail?"));

        var responders = PostmortemDocumentBuilder.Build(Session(since: At(0)), timeline, Generated).Responders;

        Assert.Equal([new PersonRef(Bob.Id, "Bob"), new PersonRef(Alice.Id, "Alice")], responders);
    }

    [Fact]
    public void Transcript_puts_replies_under_their_parent_and_leaves_out_the_bot_and_deleted_messages()
    {
        var timeline = Channel(
            Message("m0", -5, Carol, "before the start point"),
            Message("m1", 1, Bob, "seeing 500s"),
            Message("m2", 2, Alice, "deploy at 13:55?"),
            Message("m1r", 3, Carol, "confirmed", threadId: "m1", edited: true),
            Message("bot", 4, Self, "Why 1: why did it fail?"),
            Message("botr", 5, Bob, "answer to the bot", threadId: "bot"),
            Message("gone", 6, Alice, "wrong channel"),
            Message("goner", 7, Bob, "reply to a deleted message", threadId: "gone"));
        timeline.Apply(TimelineChange.Remove("gone"));

        var transcript = PostmortemDocumentBuilder.Build(Session(since: At(0)), timeline, Generated).Transcript;

        Assert.Equal(
            [("m1", 0, false), ("m1r", 1, true), ("m2", 0, false), ("botr", 0, false), ("goner", 0, false)],
            transcript.Select(e => (e.MessageId, e.Depth, e.Edited)).ToList());
    }

    [Fact]
    public void Corrective_actions_keep_every_status_and_owner_names()
    {
        var session = Session() with
        {
            Items =
            [
                Item(2, "Add config schema check to deploy pipeline", Bob, ActionItemStatus.Rejected),
                Item(1, "Alert on checkout 5xx above 2%", Alice, ActionItemStatus.Confirmed, "https://tracker.example/OPS-1"),
            ],
        };

        var items = PostmortemDocumentBuilder.Build(session, Channel(), Generated).CorrectiveActions;

        Assert.Equal([(1, "Alice", ActionItemStatus.Confirmed), (2, "Bob", ActionItemStatus.Rejected)], items.Select(i => (i.Number, i.OwnerName, i.Status)).ToList());
        Assert.Equal("https://tracker.example/OPS-1", items[0].TicketUrl);
    }

    [Fact]
    public void Names_come_from_the_session_then_the_author_then_the_id()
    {
        var session = Session() with
        {
            Items = [Item(1, "Alert on checkout 5xx above 2%", new("U404", "Ghost"), ActionItemStatus.Proposed)],
        };
        var timeline = Channel(Message("m1", 0, Alice, "checkout is slow"), Message("m2", 1, Pager, "ALERT"));

        var document = PostmortemDocumentBuilder.Build(session, timeline, Generated);

        Assert.Equal(["Alice", "PagerBot"], document.Transcript.Select(e => e.AuthorName).ToList());
        Assert.Equal("U404", document.CorrectiveActions[0].OwnerName);
    }

    [Fact]
    public void Summary_is_made_of_recorded_facts()
    {
        var session = Session() with
        {
            Severity = Severity.Sev2,
            Marks = [new MomentMark(KeyMoment.Resolved, At(85), Bob.Id)],
            Chains = [Chain(1, "Why?", null, null)],
            Items = [Item(1, "Alert on checkout 5xx above 2%", Alice, ActionItemStatus.Confirmed)],
        };
        var timeline = Channel(Message("m1", 0, Alice, "checkout is slow"), Message("m2", 1, Bob, "yes"));

        var summary = PostmortemDocumentBuilder.Build(session, timeline, Generated).Summary;

        Assert.Equal(
            "\"Checkout errors\" was a SEV2 incident. It was resolved 2026-11-27 (Fri) 15:25 UTC. "
            + "2 responders posted 2 messages. 1 chain of 5 Whys and 1 corrective action (1 confirmed or done) were recorded.",
            summary);
    }
}
