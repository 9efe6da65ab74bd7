using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Facilitation;

/// <summary>What the facilitator knows about a channel before an event: its open session (if any) and its timeline.</summary>
public sealed record ChannelState(PostmortemSession? Session, ITimelineView Timeline);
