using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

public sealed record ReactionAdded : ChatEvent
{
    public required string MessageId { get; init; }

    public required ChatUser User { get; init; }

    public required ReactionKind Kind { get; init; }

    /// <summary>The platform's own name for the reaction, kept for logs.</summary>
    public string? Name { get; init; }
}
