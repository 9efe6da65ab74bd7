namespace Postmortem.Core.Events;

/// <summary>A message's text was changed (or a deleted message restored).</summary>
public sealed record MessageEdited : ChatEvent
{
    public required string MessageId { get; init; }

    public string? ThreadId { get; init; }

    public required string NewText { get; init; }

    /// <summary>Display names of users mentioned in <see cref="NewText"/>, by id.</summary>
    public IReadOnlyDictionary<string, string>? MentionNames { get; init; }
}
