namespace Postmortem.Core.Sessions;

/// <summary>The document status: Draft until rendered, In review once posted, Final once a responder confirms it.</summary>
public enum SessionStatus
{
    Draft,
    InReview,
    Final,
}
