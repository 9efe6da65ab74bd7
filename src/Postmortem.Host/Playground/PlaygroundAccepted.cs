namespace Postmortem.Host.Playground;

/// <summary>A request was taken: the channel message it made or touched, and the inbox event (null when nothing changed).</summary>
public sealed record PlaygroundAccepted(string? MessageId, string? EventId);
