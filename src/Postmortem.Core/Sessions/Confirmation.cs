namespace Postmortem.Core.Sessions;

/// <summary>A responder confirmed the rendered postmortem is accurate.</summary>
public sealed record Confirmation(string UserId, DateTimeOffset At);
