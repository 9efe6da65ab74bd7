namespace Postmortem.Core.Events;

/// <summary>A message was deleted; it leaves the timeline and the transcript.</summary>
public sealed record MessageDeleted : ChatEvent
{
    public required string MessageId { get; init; }

    public string? ThreadId { get; init; }
}
