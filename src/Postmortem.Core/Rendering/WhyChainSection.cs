using Postmortem.Core.Whys;

namespace Postmortem.Core.Rendering;

/// <summary>One 5-Whys chain as shown: its problem, its answers in order, and what responders said it was.</summary>
public sealed record WhyChainSection(
    int Number,
    string Problem,
    IReadOnlyList<WhyStep> Steps,
    CauseKind? CauseKind,
    string? DetectionGap);
