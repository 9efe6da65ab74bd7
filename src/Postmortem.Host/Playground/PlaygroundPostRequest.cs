namespace Postmortem.Host.Playground;

/// <summary>A message (or a <c>/postmortem</c> command) typed by <c>User</c>, in a thread when <c>ThreadId</c> is set.</summary>
public sealed record PlaygroundPostRequest(string? User, string? Text, string? ThreadId = null);
