namespace Postmortem.Core.Rendering;

/// <summary>One message of the transcript appendix.</summary>
/// <param name="Depth">0 for a top-level message (or a reply whose parent is not collected), 1 for a thread reply shown under its parent.</param>
/// <param name="IsAlert">Posted by an alerting tool.</param>
public sealed record TranscriptEntry(
    string MessageId,
    DateTimeOffset At,
    string AuthorId,
    string AuthorName,
    string Text,
    bool Edited,
    string? Link,
    int Depth,
    bool IsAlert,
    bool HasFile);
