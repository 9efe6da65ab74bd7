namespace Postmortem.Core.Rendering;

/// <summary>The lessons-learned section; each list is empty until responders record something for it.</summary>
public sealed record LessonsLearned(
    IReadOnlyList<string> WentWell,
    IReadOnlyList<string> WentPoorly,
    IReadOnlyList<string> GotLucky)
{
    public LessonsLearned()
        : this([], [], [])
    {
    }
}
