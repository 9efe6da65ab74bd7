using Postmortem.Core.ActionItems;
using Postmortem.Core.Sessions;

namespace Postmortem.Core.Rendering;

/// <summary>The words every renderer uses for the document's enums and empty values, so all surfaces say the same.</summary>
public static class DocumentText
{
    /// <summary>What an empty section or value says.</summary>
    public const string NoneRecorded = "none recorded";

    /// <summary>What a why-answer without evidence says.</summary>
    public const string NoEvidence = "no evidence given";

    public static string Status(SessionStatus status) => status switch
    {
        SessionStatus.InReview => "In review",
        SessionStatus.Final => "Final",
        _ => "Draft",
    };

    /// <summary><c>SEV1</c>, <c>SEV2</c>, <c>SEV3</c>, <c>near miss</c>, or null when unknown.</summary>
    public static string? Severity(Severity severity) => severity switch
    {
        Sessions.Severity.Sev1 => "SEV1",
        Sessions.Severity.Sev2 => "SEV2",
        Sessions.Severity.Sev3 => "SEV3",
        Sessions.Severity.NearMiss => "near miss",
        _ => null,
    };

    /// <summary>Lower-case moment name: <c>detected</c>, <c>mitigated</c>, …</summary>
    public static string Moment(KeyMoment moment) => moment switch
    {
        KeyMoment.Detected => "detected",
        KeyMoment.Declared => "declared",
        KeyMoment.Escalated => "escalated",
        KeyMoment.Mitigated => "mitigated",
        _ => "resolved",
    };

    public static string ActionStatus(ActionItemStatus status) => status switch
    {
        ActionItemStatus.Confirmed => "confirmed",
        ActionItemStatus.Rejected => "rejected",
        ActionItemStatus.Done => "done",
        _ => "proposed",
    };

    public static string CauseKind(Whys.CauseKind kind) => kind == Whys.CauseKind.Trigger ? "trigger" : "latent condition";
}
