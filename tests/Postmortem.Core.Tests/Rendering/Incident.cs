using System.Collections.Immutable;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Chat;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Tests.Rendering;

/// <summary>Builders for rendering tests: a Friday incident starting 2026-11-27 14:00 UTC.</summary>
internal static class Incident
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    public static readonly ChatUser Alice = new("U1", "alice.w");

    public static readonly ChatUser Bob = new("U2", "Bob");

    public static readonly ChatUser Carol = new("U3", "Carol");

    public static readonly ChatUser Pager = new("B1", "PagerBot", IsBot: true);

    public static readonly ChatUser Self = new("B0", "Postmortem", IsBot: true, IsSelf: true);

    public static DateTimeOffset At(int minutes) => T0.AddMinutes(minutes);

    public static PostmortemSession Session(DateTimeOffset? since = null) => new()
    {
        Id = "s1",
        Channel = new ChannelRef("slack", "T1", "C1", "inc-checkout", "https://chat.example/C1"),
        Title = "Checkout errors",
        Since = since,
        StartedBy = Alice.Id,
        StartedAt = At(180),
        People = ImmutableDictionary<string, string>.Empty.Add(Alice.Id, "Alice").Add(Bob.Id, "Bob").Add(Carol.Id, "Carol"),
    };

    public static TimelineMessage Message(
        string id,
        int minute,
        ChatUser author,
        string text,
        string? threadId = null,
        bool highlighted = false,
        bool edited = false) => new()
        {
            MessageId = id,
            ThreadId = threadId,
            Author = author,
            Text = text,
            PostedAt = At(minute),
            EditedAt = edited ? At(minute + 1) : null,
            Link = $"https://chat.example/C1/{id}",
            Highlighted = highlighted,
        };

    public static ChannelTimeline Channel(params TimelineMessage[] messages)
    {
        var timeline = new ChannelTimeline();
        foreach (var message in messages)
        {
            timeline.Apply(TimelineChange.Upsert(message));
        }

        return timeline;
    }

    public static WhyAnswer Answer(int level, string question, string text, string? evidence = null) => new()
    {
        Level = level,
        Question = question,
        Text = text,
        MessageId = $"w{level}-{text.Length}",
        AuthorId = Bob.Id,
        AnsweredAt = At(200 + level),
        Evidence = evidence,
    };

    public static WhyChain Chain(int number, string problem, CauseKind? kind, string? gap, params WhyAnswer[] answers) => new()
    {
        Number = number,
        Problem = problem,
        RootKey = $"s1:chain:{number}",
        Answers = [.. answers],
        CauseKind = kind,
        DetectionGap = gap,
        Stage = ChainStage.Closed,
    };

    public static ActionItem Item(int number, string change, ChatUser owner, ActionItemStatus status, string? ticket = null) => new()
    {
        Number = number,
        Change = change,
        OwnerId = owner.Id,
        Due = new DateOnly(2026, 12, 5),
        DoneWhen = "a canary deploy with a bad config is rolled back automatically",
        ProposedBy = Alice.Id,
        ProposedAt = At(230),
        MessageKey = $"s1:item:{number}",
        Status = status,
        TicketUrl = ticket,
    };
}
