using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>The Teams-specific <c>channelData</c> of an activity.</summary>
public sealed record TeamsChannelData
{
    /// <summary>e.g. "editMessage", "softDeleteMessage", "teamMemberAdded".</summary>
    public string? EventType { get; init; }

    public TeamsRef? Tenant { get; init; }

    public TeamsRef? Channel { get; init; }

    public TeamsRef? Team { get; init; }

    /// <summary>Older ids Teams still sends; <c>legacy.replyToId</c> sometimes stands in for <c>replyToId</c>.</summary>
    public TeamsLegacyData? Legacy { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
