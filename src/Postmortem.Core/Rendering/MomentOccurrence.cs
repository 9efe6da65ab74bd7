using Postmortem.Core.Sessions;

namespace Postmortem.Core.Rendering;

/// <summary>When a key moment happened and where that came from (a message, or a hand-set mark).</summary>
public sealed record MomentOccurrence(KeyMoment Moment, DateTimeOffset At, string? MessageId, string? ByUserId, bool SetByHand);
