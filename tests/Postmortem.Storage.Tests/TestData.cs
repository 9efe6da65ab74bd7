using System.Collections.Immutable;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;

namespace Postmortem.Storage.Tests;

/// <summary>Builders for events, sessions, messages and actions used across the storage tests.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);

    public static readonly ChannelRef Channel = new("slack", "T1", "C1", "#inc-api");

    public static readonly ChatUser Ana = new("U1", "Ana");

    public static MessagePosted Message(string eventId, ChannelRef? channel = null, string? messageId = null, string text = "api is down") =>
        new()
        {
            EventId = eventId,
            Channel = channel ?? Channel,
            OccurredAt = Start,
            MessageId = messageId ?? $"m-{eventId}",
            Author = Ana,
            Text = text,
        };

    /// <summary>An event the inbox deduplicates by its id (unlike a posted message, whose timeline row does).</summary>
    public static MessageEdited Edit(string eventId, ChannelRef? channel = null, string messageId = "m1", string text = "api is back") =>
        new()
        {
            EventId = eventId,
            Channel = channel ?? Channel,
            OccurredAt = Start,
            MessageId = messageId,
            NewText = text,
        };

    public static TimelineMessage Line(string messageId, DateTimeOffset postedAt, string text = "api is down") =>
        new()
        {
            MessageId = messageId,
            Author = Ana,
            Text = text,
            PostedAt = postedAt,
        };

    /// <summary>What the facilitator does with a posted message: collects it into the timeline.</summary>
    public static TimelineChange Collect(InboxItem item)
    {
        var posted = (MessagePosted)item.Event;
        return TimelineChange.Upsert(Line(posted.MessageId, posted.OccurredAt, posted.Text));
    }

    public static PostMessage Post(string key, ChannelRef? channel = null, string text = "hello") =>
        new()
        {
            Key = key,
            Channel = channel ?? Channel,
            Content = new MessageContent(text),
        };

    public static PostmortemSession Session(string id = "s1", ChannelRef? channel = null, string title = "API outage") =>
        new()
        {
            Id = id,
            Channel = channel ?? Channel,
            Title = title,
            StartedBy = "U1",
            StartedAt = Start,
        };

    public static Decision Decide(PostmortemSession? session, IReadOnlyList<TimelineChange>? changes = null, params ChatAction[] actions) =>
        new(session, changes ?? [], actions);

    /// <summary>A session with every part filled in, to prove nothing is lost on the way through JSON.</summary>
    public static PostmortemSession FullSession(ChannelRef? channel = null)
    {
        var answer1 = new WhyAnswer
        {
            Level = 1,
            Question = "Why 1: why did “API returned 500s” happen?",
            Text = "The certificate expired",
            MessageId = "m10",
            AuthorId = "U1",
            AnsweredAt = Start.AddMinutes(10),
            Evidence = "https://grafana.example/d/abc",
        };
        var answer2 = answer1 with
        {
            Level = 2,
            Question = "Why 2: why did “The certificate expired” happen?",
            Text = "Renewal was manual",
            MessageId = "m11",
            Evidence = null,
            EvidenceMessageId = "m12",
        };
        return Session(channel: channel) with
        {
            Severity = Severity.Sev2,
            Since = Start.AddHours(-3),
            Status = SessionStatus.InReview,
            Marks = [new MomentMark(KeyMoment.Detected, Start.AddMinutes(-50), "U2"), new MomentMark(KeyMoment.Resolved, Start.AddMinutes(30), "U1")],
            Notes = [new Note(Start.AddMinutes(5), "U2", "Paged the on-call")],
            Chains =
            [
                new WhyChain
                {
                    Number = 1,
                    Problem = "API returned 500s",
                    RootKey = "s1:chain:1",
                    ThreadId = "1700000000.000100",
                    Answers = [answer1, answer2],
                    Stage = ChainStage.Closed,
                    CauseKind = CauseKind.Latent,
                    DetectionGap = "No expiry alert",
                    DetectionGapMessageId = "m14",
                    CauseKindMessageId = "m13",
                },
                new WhyChain { Number = 2, Problem = "Slow failover", RootKey = "s1:chain:2" },
            ],
            Items =
            [
                new ActionItem
                {
                    Number = 1,
                    Change = "Add a certificate expiry alert",
                    OwnerId = "U2",
                    Due = new DateOnly(2026, 12, 5),
                    DoneWhen = "the alert fires in staging",
                    ProposedBy = "U1",
                    ProposedAt = Start.AddMinutes(40),
                    MessageKey = "s1:item:1",
                    MessageId = "1700000000.000200",
                    Status = ActionItemStatus.Confirmed,
                    DecidedBy = "U2",
                    TicketUrl = "https://tracker.example/T-1",
                },
            ],
            BotPosts = ImmutableDictionary<string, string>.Empty.Add("s1:chain:1", "1700000000.000100").Add("s1:item:1", "1700000000.000200"),
            People = ImmutableDictionary<string, string>.Empty.Add("U1", "Ana").Add("U2", "Bo"),
            AccuracyConfirmations = [new Confirmation("U2", Start.AddHours(2))],
            Renders = 2,
        };
    }
}
