namespace Postmortem.Host.Playground;

/// <summary>A button under a bot message, pressed by a user.</summary>
public sealed record PlaygroundButtonRequest(string? User, string? ActionId, string? Value, string? MessageId);
