namespace Postmortem.Core.Timeline;

/// <summary>Read access to a channel's collected messages.</summary>
public interface ITimelineView
{
    int Count { get; }

    TimelineMessage? Find(string messageId);

    /// <summary>All messages, oldest first (ties broken by message id).</summary>
    IReadOnlyList<TimelineMessage> InOrder();
}
