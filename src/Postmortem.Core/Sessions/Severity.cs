namespace Postmortem.Core.Sessions;

public enum Severity
{
    Unknown,
    Sev1,
    Sev2,
    Sev3,
    NearMiss,
}
