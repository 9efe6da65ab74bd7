namespace Postmortem.Host.Playground;

/// <summary>One emoji on a message and who added it.</summary>
public sealed record PlaygroundReaction(string Emoji, IReadOnlyList<string> Users);
