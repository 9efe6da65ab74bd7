namespace Postmortem.Core.Whys;

/// <summary>One answer in a chain, tied to the message that gave it so an edit updates it.</summary>
public sealed record WhyAnswer
{
    /// <summary>1 to 5.</summary>
    public required int Level { get; init; }

    public required string Question { get; init; }

    public required string Text { get; init; }

    public required string MessageId { get; init; }

    public required string AuthorId { get; init; }

    public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>A link, file or quote backing the answer; null means "no evidence given".</summary>
    public string? Evidence { get; init; }

    /// <summary>The message that gave the evidence when it came in a later reply.</summary>
    public string? EvidenceMessageId { get; init; }
}
