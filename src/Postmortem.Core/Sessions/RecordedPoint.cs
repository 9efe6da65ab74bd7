namespace Postmortem.Core.Sessions;

/// <summary>A line a responder added to the impact, preventive-measures or lessons sections.</summary>
public sealed record RecordedPoint(PointKind Kind, string Text, string AuthorId, DateTimeOffset At);
