using Postmortem.Core.Chat;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Storage;

/// <summary>
/// Reads a channel's stored state inside the transaction in which an inbox item is being decided, including what the
/// items decided before it in the same transaction wrote. Only valid during <see cref="IInboxDecider.Decide"/>.
/// </summary>
public interface IChannelReader
{
    /// <summary>The channel's open session, or null when it has none.</summary>
    PostmortemSession? OpenSession(ChannelRef channel);

    /// <summary>One timeline message, or null when it is not in the timeline.</summary>
    TimelineMessage? FindMessage(ChannelRef channel, string messageId);

    /// <summary>Whether the message was deleted from the channel's timeline (deletions are remembered).</summary>
    bool WasDeleted(ChannelRef channel, string messageId);

    /// <summary>The channel's whole timeline, oldest first.</summary>
    IReadOnlyList<TimelineMessage> Messages(ChannelRef channel);
}
