namespace Postmortem.Core.Sessions;

/// <summary>The moments of an incident whose times give time-to-detect, -mitigate and -resolve.</summary>
public enum KeyMoment
{
    Detected,
    Declared,
    Escalated,
    Mitigated,
    Resolved,
}
