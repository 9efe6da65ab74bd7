using Postmortem.Core.Actions;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Facilitation;

/// <summary>What the facilitator decided for one event: the session as it is now (null: no session in the channel), timeline changes, and actions.</summary>
public sealed record Decision(PostmortemSession? Session, IReadOnlyList<TimelineChange> TimelineChanges, IReadOnlyList<ChatAction> Actions);
