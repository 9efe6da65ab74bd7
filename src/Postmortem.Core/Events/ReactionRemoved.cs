using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

public sealed record ReactionRemoved : ChatEvent
{
    public required string MessageId { get; init; }

    public required ChatUser User { get; init; }

    public required ReactionKind Kind { get; init; }

    public string? Name { get; init; }
}
