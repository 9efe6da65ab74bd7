using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Storage;

/// <summary>What is stored for a channel: its open session (null when none) and its timeline messages, oldest first.</summary>
public sealed record ChannelSnapshot(PostmortemSession? Session, IReadOnlyList<TimelineMessage> Messages);
