namespace Postmortem.Core.Timeline;

/// <summary>
/// A change to the channel's timeline decided by the facilitator: upsert a message, or remove one (it was deleted in the
/// channel; the timeline remembers that, see <see cref="ITimelineView.WasDeleted"/>).
/// </summary>
public sealed record TimelineChange(string MessageId, TimelineMessage? Message)
{
    public static TimelineChange Upsert(TimelineMessage message) => new(message.MessageId, message);

    public static TimelineChange Remove(string messageId) => new(messageId, null);
}
