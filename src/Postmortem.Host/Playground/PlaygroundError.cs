namespace Postmortem.Host.Playground;

/// <summary>Why a playground request was refused.</summary>
public sealed record PlaygroundError(string Error);
