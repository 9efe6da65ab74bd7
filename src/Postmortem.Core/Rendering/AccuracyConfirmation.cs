namespace Postmortem.Core.Rendering;

/// <summary>Who confirmed the document is accurate, and when.</summary>
public sealed record AccuracyConfirmation(string UserId, string DisplayName, DateTimeOffset At);
