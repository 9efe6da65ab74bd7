using Postmortem.Core.Sessions;

namespace Postmortem.Core.Rendering;

/// <summary>One row of the curated timeline table: a key moment, a highlighted message or a note (or several at once).</summary>
/// <param name="Text">The message or note text; for a hand-set mark without a message, a short fact ("Marked as mitigated").</param>
/// <param name="KeyMoments">The key moments this row is; empty for a plain highlight or note.</param>
/// <param name="SetByHand">The key moment came from <c>mark</c>, not from the text.</param>
/// <param name="Highlight">The message was marked with 📌 or pinned.</param>
/// <param name="IsNote">A line added with <c>note</c>.</param>
public sealed record TimelineRow(
    DateTimeOffset At,
    string Text,
    string? Link,
    string? OwnerId,
    string? OwnerName,
    IReadOnlyList<KeyMoment> KeyMoments,
    bool SetByHand,
    bool Highlight,
    bool IsNote,
    string? MessageId);
