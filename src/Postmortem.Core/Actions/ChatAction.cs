using System.Text.Json.Serialization;
using Postmortem.Core.Chat;

namespace Postmortem.Core.Actions;

/// <summary>Something the bot asks an adapter to do in a channel. Stored in the outbox, then dispatched.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "actionType")]
[JsonDerivedType(typeof(PostMessage), "post_message")]
[JsonDerivedType(typeof(UpdateMessage), "update_message")]
[JsonDerivedType(typeof(PostEphemeral), "post_ephemeral")]
[JsonDerivedType(typeof(CollectHistory), "collect_history")]
[JsonDerivedType(typeof(PublishPostmortem), "publish_postmortem")]
public abstract record ChatAction
{
    /// <summary>
    /// Unique within the channel and stable when the same event is decided again, so the outbox stores it once.
    /// Posts that later actions refer to (a thread root, an item, the summary) have keys like <c>s1:chain:1</c>.
    /// </summary>
    public required string Key { get; init; }

    public required ChannelRef Channel { get; init; }

    /// <summary>
    /// The key later actions use to refer to the message this action posts (a thread root, an item, the summary,
    /// the backfill's progress message), or null when it posts nothing others refer to.
    /// </summary>
    public virtual string? PostKey => null;
}
