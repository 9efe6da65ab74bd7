using Postmortem.Core.Sessions;

namespace Postmortem.Core.Facilitation;

/// <summary>✅ on the rendered summary confirms the document is accurate; removing it takes that back.</summary>
internal static class AccuracyReview
{
    public static PostmortemSession Apply(PostmortemSession session, string userId, bool added, DateTimeOffset at)
    {
        var already = session.AccuracyConfirmations.Find(c => c.UserId == userId);
        var confirmations = added switch
        {
            true when already is null => session.AccuracyConfirmations.Add(new Confirmation(userId, at)),
            false when already is not null => session.AccuracyConfirmations.Remove(already),
            _ => session.AccuracyConfirmations,
        };
        var status = confirmations.IsEmpty ? SessionStatus.InReview : SessionStatus.Final;
        return session with { AccuracyConfirmations = confirmations, Status = status };
    }
}
