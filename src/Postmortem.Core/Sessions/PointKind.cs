namespace Postmortem.Core.Sessions;

/// <summary>The document sections a responder can add a line to with a command.</summary>
public enum PointKind
{
    /// <summary><c>impact &lt;text&gt;</c>: systems, users, KPIs affected.</summary>
    Impact,
    /// <summary><c>learned well &lt;text&gt;</c>.</summary>
    WentWell,
    /// <summary><c>learned poorly &lt;text&gt;</c>.</summary>
    WentPoorly,
    /// <summary><c>learned lucky &lt;text&gt;</c>.</summary>
    GotLucky,
    /// <summary><c>prevent monitoring &lt;text&gt;</c>.</summary>
    Monitoring,
    /// <summary><c>prevent process &lt;text&gt;</c>.</summary>
    Process,
    /// <summary><c>prevent review &lt;text&gt;</c>: a follow-up review, its date and who.</summary>
    FollowUpReview,
}
