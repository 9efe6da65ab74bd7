using Postmortem.Core.Sessions;

namespace Postmortem.Core.Rendering;

/// <summary>
/// The postmortem as data, platform-neutral: Markdown, Block Kit and Adaptive Card renderers all read this and
/// nothing else. Free text keeps the neutral mention tokens (<c>&lt;@ID&gt;</c>); <see cref="People"/> names them
/// (see <see cref="MentionText"/>). Times are as recorded; renderers show them in UTC.
/// </summary>
public sealed record PostmortemDocument
{
    public required string SessionId { get; init; }

    public required string Title { get; init; }

    public SessionStatus Status { get; init; } = SessionStatus.Draft;

    public string ChannelName { get; init; } = "";

    public string? ChannelLink { get; init; }

    public DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Two to four sentences made only of recorded facts.</summary>
    public string Summary { get; init; } = "";

    public Severity Severity { get; init; } = Severity.Unknown;

    /// <summary>Systems, users, KPIs affected; null when nobody recorded it.</summary>
    public string? ImpactScope { get; init; }

    /// <summary>Incident start: the earliest of the detected moment and the first message since the session's start point.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Incident end: the resolved moment.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public TimeSpan? Length { get; init; }

    public TimeSpan? TimeToDetect { get; init; }

    public TimeSpan? TimeToMitigate { get; init; }

    public TimeSpan? TimeToResolve { get; init; }

    /// <summary>Key moments found or marked, in <see cref="KeyMoment"/> order.</summary>
    public IReadOnlyList<MomentOccurrence> KeyMoments { get; init; } = [];

    /// <summary>The curated story: key moments, highlighted messages and notes, in time order.</summary>
    public IReadOnlyList<TimelineRow> Timeline { get; init; } = [];

    public RootCauseSection RootCause { get; init; } = new();

    public IReadOnlyList<WhyChainSection> Whys { get; init; } = [];

    public IReadOnlyList<CorrectiveActionRow> CorrectiveActions { get; init; } = [];

    public PreventiveMeasures Preventive { get; init; } = new();

    public LessonsLearned Lessons { get; init; } = new();

    /// <summary>Everyone (not bots) who posted since the session's start point, in order of their first message.</summary>
    public IReadOnlyList<PersonRef> Responders { get; init; } = [];

    public IReadOnlyList<AccuracyConfirmation> AccuracyConfirmations { get; init; } = [];

    /// <summary>Every collected message, oldest first, each thread's replies right after their parent (depth 1).</summary>
    public IReadOnlyList<TranscriptEntry> Transcript { get; init; } = [];

    /// <summary>Display names by user id, for mention tokens in the text.</summary>
    public IReadOnlyDictionary<string, string> People { get; init; } = new Dictionary<string, string>();
}
