namespace Postmortem.Core.Rendering;

/// <summary>The preventive-measures section; each list is empty until responders record something for it.</summary>
public sealed record PreventiveMeasures(
    IReadOnlyList<string> MonitoringUpdates,
    IReadOnlyList<string> ProcessImprovements,
    IReadOnlyList<string> FollowUpReviews)
{
    public PreventiveMeasures()
        : this([], [], [])
    {
    }
}
