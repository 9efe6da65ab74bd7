using Postmortem.Core.Chat;
using Postmortem.Core.Timeline;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>
/// A channel's timeline as the facilitator sees it while one event is decided, read from the store on demand: most
/// events only look up one message; only commands (status, render) read the whole timeline. Nothing of it stays in
/// memory between events, so a busy channel costs the process nothing however long its incident runs.
/// </summary>
internal sealed class StoredTimeline(IChannelReader channels, ChannelRef channel) : ITimelineView
{
    private ChannelTimeline? _all;

    public TimelineMessage? Find(string messageId) =>
        _all is { } all ? all.Find(messageId) : channels.FindMessage(channel, messageId);

    public bool WasDeleted(string messageId) => channels.WasDeleted(channel, messageId);

    public IReadOnlyList<TimelineMessage> InOrder() => All().InOrder();

    private ChannelTimeline All() => _all ??= new ChannelTimeline(channels.Messages(channel));
}
