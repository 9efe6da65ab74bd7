namespace Postmortem.Core.Whys;

/// <summary>What the chain's thread is waiting for next.</summary>
public enum ChainStage
{
    AwaitingAnswer,
    AwaitingEvidence,
    AwaitingCauseKind,
    AwaitingDetectionGap,
    Closed,
}
