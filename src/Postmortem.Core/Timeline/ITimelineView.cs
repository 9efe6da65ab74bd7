namespace Postmortem.Core.Timeline;

/// <summary>Read access to a channel's collected messages.</summary>
public interface ITimelineView
{
    TimelineMessage? Find(string messageId);

    /// <summary>
    /// Whether the message was deleted from the channel. A deleted message stays deleted: a late or repeated delivery
    /// of it, or a backfill that fetched it before the deletion, must not bring it back (it may have been a pasted secret).
    /// </summary>
    bool WasDeleted(string messageId);

    /// <summary>All messages, oldest first (ties broken by message id).</summary>
    IReadOnlyList<TimelineMessage> InOrder();
}
