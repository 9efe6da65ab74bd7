using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

/// <summary>A button on one of the bot's messages was pressed (Block Kit action, Adaptive Card Action.Execute).</summary>
public sealed record ButtonPressed : ChatEvent
{
    public required ChatUser User { get; init; }

    /// <summary>One of <see cref="Actions.ButtonIds"/>.</summary>
    public required string ActionId { get; init; }

    public string? Value { get; init; }

    public string? MessageId { get; init; }
}
