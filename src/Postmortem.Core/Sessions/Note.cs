namespace Postmortem.Core.Sessions;

/// <summary>A line added to the timeline with <c>note &lt;text&gt;</c>.</summary>
public sealed record Note(DateTimeOffset At, string AuthorId, string Text);
