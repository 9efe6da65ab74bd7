namespace Postmortem.Core.Sessions;

/// <summary>A key moment set by hand with <c>mark &lt;moment&gt; [hh:mm]</c>; it wins over one found in the text.</summary>
public sealed record MomentMark(KeyMoment Moment, DateTimeOffset At, string MarkedBy);
