namespace Postmortem.Core.Actions;

/// <summary>Why the bot posts a message; adapters may style each kind differently.</summary>
public enum MessagePurpose
{
    Info,
    Kickoff,
    Progress,
    WhyPrompt,
    EvidenceRequest,
    BlamelessCheck,
    CauseKindQuestion,
    DetectionGapQuestion,
    ChainClosed,
    ActionItem,
    ActionItemRefused,
    Status,
    Help,
}
