namespace Postmortem.Host.Playground;

/// <summary>The new text of a message its author edited.</summary>
public sealed record PlaygroundEditRequest(string? User, string? Text);
