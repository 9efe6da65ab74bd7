namespace Postmortem.Core.Events;

/// <summary>Fed back by the dispatcher: the bot's post with <see cref="ActionKey"/> now has a platform message id.</summary>
public sealed record BotMessageDelivered : ChatEvent
{
    public required string ActionKey { get; init; }

    public required string MessageId { get; init; }
}
