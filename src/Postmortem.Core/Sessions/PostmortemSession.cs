using System.Collections.Immutable;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Chat;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Sessions;

/// <summary>The state of one postmortem in one channel. Immutable: the facilitator returns a new one per event.</summary>
public sealed record PostmortemSession
{
    public required string Id { get; init; }

    public required ChannelRef Channel { get; init; }

    public required string Title { get; init; }

    public Severity Severity { get; init; } = Severity.Unknown;

    /// <summary>Messages posted before this are not part of the incident; null means the channel's start.</summary>
    public DateTimeOffset? Since { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public SessionStatus Status { get; init; } = SessionStatus.Draft;

    public ImmutableList<MomentMark> Marks { get; init; } = [];

    public ImmutableList<Note> Notes { get; init; } = [];

    /// <summary>Impact, preventive measures and lessons learned, as responders added them.</summary>
    public ImmutableList<RecordedPoint> Points { get; init; } = [];

    public ImmutableList<WhyChain> Chains { get; init; } = [];

    public ImmutableList<ActionItem> Items { get; init; } = [];

    /// <summary>Platform message ids of the bot's posts, by action key (fed back by the dispatcher).</summary>
    public ImmutableDictionary<string, string> BotPosts { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Display names learned from events, by user id.</summary>
    public ImmutableDictionary<string, string> People { get; init; } = ImmutableDictionary<string, string>.Empty;

    public ImmutableList<Confirmation> AccuracyConfirmations { get; init; } = [];

    /// <summary>How many times the postmortem was rendered.</summary>
    public int Renders { get; init; }

    /// <summary>Action key of the rendered summary message.</summary>
    public string SummaryKey => $"{Id}:summary";

    public string DisplayName(string userId) => People.TryGetValue(userId, out var name) ? name : userId;
}
