using System.Text.Json.Serialization;
using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

/// <summary>Something that happened in a channel, already verified and normalised by an adapter.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(MessagePosted), "message_posted")]
[JsonDerivedType(typeof(MessageEdited), "message_edited")]
[JsonDerivedType(typeof(MessageDeleted), "message_deleted")]
[JsonDerivedType(typeof(ReactionAdded), "reaction_added")]
[JsonDerivedType(typeof(ReactionRemoved), "reaction_removed")]
[JsonDerivedType(typeof(CommandInvoked), "command_invoked")]
[JsonDerivedType(typeof(ButtonPressed), "button_pressed")]
[JsonDerivedType(typeof(BotMessageDelivered), "bot_message_delivered")]
[JsonDerivedType(typeof(BotJoined), "bot_joined")]
public abstract record ChatEvent
{
    /// <summary>The platform's id for this delivery; the inbox drops a repeat of it.</summary>
    public required string EventId { get; init; }

    public required ChannelRef Channel { get; init; }

    /// <summary>When it happened, by the platform's clock (never the arrival time).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
