using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Rendering;

/// <summary>Finds each key moment's first occurrence in the session's part of the timeline; hand-set marks win.</summary>
public static class KeyMomentFinder
{
    public static IReadOnlyDictionary<KeyMoment, MomentOccurrence> Find(PostmortemSession session, ITimelineView timeline) =>
        new Dictionary<KeyMoment, MomentOccurrence>();
}
