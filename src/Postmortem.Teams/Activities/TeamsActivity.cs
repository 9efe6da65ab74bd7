using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>
/// A Bot Framework activity as Teams sends it (and as the bot sends replies): only the fields we read are typed,
/// everything else survives in <see cref="Extra"/>.
/// </summary>
public sealed record TeamsActivity
{
    public string? Type { get; init; }

    public string? Id { get; init; }

    /// <summary>When it happened, by Teams' clock (UTC).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public string? ServiceUrl { get; init; }

    /// <summary>"msteams" for Teams.</summary>
    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    /// <summary>"plain", "markdown" or "xml".</summary>
    public string? TextFormat { get; init; }

    public string? ReplyToId { get; init; }

    /// <summary>The invoke name, e.g. "adaptiveCard/action".</summary>
    public string? Name { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<ActivityEntity>? Entities { get; init; }

    public IReadOnlyList<ActivityAttachment>? Attachments { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    public IReadOnlyList<MessageReaction>? ReactionsAdded { get; init; }

    public IReadOnlyList<MessageReaction>? ReactionsRemoved { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
