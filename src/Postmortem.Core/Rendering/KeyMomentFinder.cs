using Postmortem.Core.Language;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Rendering;

/// <summary>Finds each key moment's first occurrence in the session's part of the timeline; hand-set marks win.</summary>
public static class KeyMomentFinder
{
    private static readonly int MomentCount = Enum.GetValues<KeyMoment>().Length;

    /// <summary>
    /// For each moment, the first message at or after <see cref="PostmortemSession.Since"/> that
    /// <see cref="KeyMomentDetector"/> reads as that moment; a hand-set mark (the latest one per moment) replaces it.
    /// The bot's own messages are never read.
    /// </summary>
    public static IReadOnlyDictionary<KeyMoment, MomentOccurrence> Find(PostmortemSession session, ITimelineView timeline)
    {
        var marked = new Dictionary<KeyMoment, MomentMark>();
        foreach (var mark in session.Marks)
        {
            marked[mark.Moment] = mark;
        }

        var found = new Dictionary<KeyMoment, MomentOccurrence>();
        var wanted = MomentCount - marked.Count;
        var messages = timeline.InOrder();
        for (var i = 0; i < messages.Count && found.Count < wanted; i++)
        {
            var message = messages[i];
            if (message.Author.IsSelf || (session.Since is { } since && message.PostedAt < since))
            {
                continue;
            }

            if (KeyMomentDetector.Detect(message.Text, message.IsAlert) is { } moment
                && !marked.ContainsKey(moment)
                && !found.ContainsKey(moment))
            {
                found[moment] = new MomentOccurrence(moment, message.PostedAt, message.MessageId, message.Author.Id, SetByHand: false);
            }
        }

        foreach (var (moment, mark) in marked)
        {
            found[moment] = new MomentOccurrence(moment, mark.At, null, mark.MarkedBy, SetByHand: true);
        }

        return found;
    }
}
