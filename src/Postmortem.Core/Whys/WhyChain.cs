using System.Collections.Immutable;

namespace Postmortem.Core.Whys;

/// <summary>One 5-Whys chain, asked in its own thread.</summary>
public sealed record WhyChain
{
    public required int Number { get; init; }

    /// <summary>The problem the first why asks about.</summary>
    public required string Problem { get; init; }

    /// <summary>Action key of the bot post that roots the thread.</summary>
    public required string RootKey { get; init; }

    /// <summary>The platform id of the thread root, once the dispatcher reports it.</summary>
    public string? ThreadId { get; init; }

    public ImmutableList<WhyAnswer> Answers { get; init; } = [];

    public ChainStage Stage { get; init; } = ChainStage.AwaitingAnswer;

    /// <summary>The last answer said <c>root cause</c> and awaits its evidence: close the chain after it.</summary>
    public bool ClosingAfterEvidence { get; init; }

    public CauseKind? CauseKind { get; init; }

    public string? DetectionGap { get; init; }

    public string? DetectionGapMessageId { get; init; }

    /// <summary>The message that answered the trigger-or-latent question (an edit updates it).</summary>
    public string? CauseKindMessageId { get; init; }

    /// <summary>The deepest answer: the chain's conclusion.</summary>
    public WhyAnswer? Conclusion => Answers.IsEmpty ? null : Answers[^1];
}
