namespace Postmortem.Core.Timeline;

/// <summary>An in-memory channel timeline that applies <see cref="TimelineChange"/>s and remembers what was deleted.</summary>
public sealed class ChannelTimeline : ITimelineView
{
    private readonly Dictionary<string, TimelineMessage> _messages;
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private TimelineMessage[]? _ordered;

    public ChannelTimeline()
    {
        _messages = new Dictionary<string, TimelineMessage>(StringComparer.Ordinal);
    }

    public ChannelTimeline(IEnumerable<TimelineMessage> messages)
        : this()
    {
        foreach (var message in messages)
        {
            _messages[message.MessageId] = message;
        }
    }

    public int Count => _messages.Count;

    public TimelineMessage? Find(string messageId) => _messages.GetValueOrDefault(messageId);

    public bool WasDeleted(string messageId) => _deleted.Contains(messageId);

    public IReadOnlyList<TimelineMessage> InOrder()
    {
        if (_ordered is null)
        {
            var ordered = new TimelineMessage[_messages.Count];
            _messages.Values.CopyTo(ordered, 0);
            Array.Sort(ordered, CompareByTime);
            _ordered = ordered;
        }

        return _ordered;
    }

    public void Apply(TimelineChange change)
    {
        if (change.Message is null)
        {
            _messages.Remove(change.MessageId);
            _deleted.Add(change.MessageId);
        }
        else
        {
            _messages[change.MessageId] = change.Message;
        }

        _ordered = null;
    }

    public void Apply(IEnumerable<TimelineChange> changes)
    {
        foreach (var change in changes)
        {
            Apply(change);
        }
    }

    private static int CompareByTime(TimelineMessage a, TimelineMessage b)
    {
        var byTime = a.PostedAt.CompareTo(b.PostedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.MessageId, b.MessageId);
    }
}
