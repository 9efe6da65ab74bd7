namespace Postmortem.Host.Playground;

/// <summary>An emoji (✅, ❌, 📌 or a name like <c>white_check_mark</c>) added or removed by a user.</summary>
public sealed record PlaygroundReactionRequest(string? User, string? Emoji);
