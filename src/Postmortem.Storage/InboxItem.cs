using Postmortem.Core.Events;

namespace Postmortem.Storage;

/// <summary>An event waiting in the inbox; <see cref="Sequence"/> is its place in arrival order.</summary>
public sealed record InboxItem(long Sequence, ChatEvent Event, DateTimeOffset ReceivedAt);
