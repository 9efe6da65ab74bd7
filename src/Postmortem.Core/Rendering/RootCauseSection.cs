namespace Postmortem.Core.Rendering;

/// <summary>The root-cause analysis drawn from the 5-Whys chains' conclusions.</summary>
/// <param name="PrimaryCause">The deepest answer of the first chain with answers.</param>
/// <param name="Triggers">Conclusions of chains answered "trigger".</param>
/// <param name="LatentConditions">Conclusions of chains answered "latent".</param>
/// <param name="ContributingFactors">Conclusions of the other chains.</param>
/// <param name="DetectionGaps">What each chain said about why it was not caught sooner.</param>
public sealed record RootCauseSection(
    string? PrimaryCause,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> LatentConditions,
    IReadOnlyList<string> ContributingFactors,
    IReadOnlyList<string> DetectionGaps)
{
    public RootCauseSection()
        : this(null, [], [], [], [])
    {
    }
}
