using System.Collections.Immutable;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Chat;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;

namespace Postmortem.Benchmarks;

/// <summary>
/// A made-up incident channel of any size: 10% thread replies, every 50th message edited, every 200th deleted,
/// every 500th posted by the bot itself, every 1000th highlighted, a few key-moment lines and mentions. Fixed timestamps.
/// </summary>
public static class SyntheticIncident
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private const int People = 40;

    private static readonly ChatUser Pager = new("B1", "PagerBot", IsBot: true);

    private static readonly ChatUser Self = new("B0", "Postmortem", IsBot: true, IsSelf: true);

    private static readonly string[] Lines =
    [
        "seeing elevated 500s on checkout, p99 latency 4s",
        "looking at the payments dashboard now",
        "deploy 2026.11.27-3 went out at 13:55, could be related?",
        "error rate | region | count: eu-west | 1200",
        "restarting the pods in eu-west\nthen checking the queue depth",
        "thanks <@U7>, that matches what I see in the logs",
        "config diff: timeout changed from 3000ms to 30ms",
    ];

    private static readonly string[] KeyLines =
    [
        "we're seeing 500s on checkout, declaring an incident",
        "escalating to the payments on-call",
        "mitigated: rollback complete",
        "resolved: error rate back to baseline",
    ];

    public static ChatUser Person(int i) => new($"U{i % People}", $"person-{i % People}");

    /// <summary>The changes a facilitator would emit for <paramref name="count"/> messages, edits and deletes included.</summary>
    public static TimelineChange[] Changes(int count)
    {
        var changes = new List<TimelineChange>(count + (count / 40));
        var lastTopLevel = "m0";
        for (var i = 0; i < count; i++)
        {
            var id = "m" + i;
            var isReply = i % 10 == 5;
            var author = i % 500 == 7 ? Self : i % 97 == 3 ? Pager : Person(i);
            var text = i % (count / 4) == 11 ? KeyLines[i / (count / 4) % KeyLines.Length] : Lines[i % Lines.Length];
            var message = new TimelineMessage
            {
                MessageId = id,
                ThreadId = isReply ? lastTopLevel : null,
                Author = author,
                Text = text,
                PostedAt = Start.AddSeconds(i * 2),
                Link = "https://chat.example/archives/C1/p" + i,
                Highlighted = i % 1000 == 1,
            };
            changes.Add(TimelineChange.Upsert(message));
            if (!isReply)
            {
                lastTopLevel = id;
            }

            if (i % 50 == 2)
            {
                changes.Add(TimelineChange.Upsert(message with { Text = text + " (corrected)", EditedAt = message.PostedAt.AddSeconds(30) }));
            }

            if (i % 200 == 9)
            {
                changes.Add(TimelineChange.Remove(id));
            }
        }

        return [.. changes];
    }

    public static PostmortemSession Session()
    {
        var people = ImmutableDictionary.CreateBuilder<string, string>();
        for (var i = 0; i < People; i++)
        {
            people[$"U{i}"] = $"Person {i}";
        }

        return new PostmortemSession
        {
            Id = "bench",
            Channel = new ChannelRef("slack", "T1", "C1", "inc-checkout", "https://chat.example/archives/C1"),
            Title = "Checkout errors after config push",
            Severity = Severity.Sev2,
            Since = Start,
            StartedBy = "U1",
            StartedAt = Start.AddHours(2),
            Marks = [new MomentMark(KeyMoment.Detected, Start.AddMinutes(3), "U1")],
            Notes = [new Note(Start.AddMinutes(20), "U2", "Paged the payments team"), new Note(Start.AddMinutes(40), "U3", "Status page updated")],
            Chains =
            [
                Chain(1, "Why did checkout return 500s?", CauseKind.Trigger),
                Chain(2, "Why did the alert fire late?", CauseKind.Latent),
                Chain(3, "Why did rollback take 30 minutes?", null),
            ],
            Items = [.. Enumerable.Range(1, 10).Select(Item)],
            People = people.ToImmutable(),
            AccuracyConfirmations = [new Confirmation("U4", Start.AddHours(3))],
        };
    }

    private static WhyChain Chain(int number, string problem, CauseKind? kind) => new()
    {
        Number = number,
        Problem = problem,
        RootKey = $"bench:chain:{number}",
        CauseKind = kind,
        DetectionGap = "no alert on the checkout error rate",
        Stage = ChainStage.Closed,
        Answers =
        [
            .. Enumerable.Range(1, 5).Select(level => new WhyAnswer
            {
                Level = level,
                Question = $"Why {level}: why did it happen?",
                Text = $"answer {level} of chain {number}",
                MessageId = $"w{number}-{level}",
                AuthorId = $"U{level}",
                AnsweredAt = Start.AddHours(2).AddMinutes(level),
                Evidence = level % 2 == 0 ? "https://git.example/pr/42" : null,
            }),
        ],
    };

    private static ActionItem Item(int number) => new()
    {
        Number = number,
        Change = $"Add schema check {number} to the config pipeline",
        OwnerId = $"U{number}",
        Due = new DateOnly(2026, 12, 5),
        DoneWhen = "a bad config push fails CI",
        ProposedBy = "U1",
        ProposedAt = Start.AddHours(2),
        MessageKey = $"bench:item:{number}",
        Status = (ActionItemStatus)(number % 4),
    };
}
