using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>The conversation of an activity: a channel (maybe a reply chain in it), a group chat or a personal chat.</summary>
public sealed record ConversationAccount
{
    /// <summary>Opaque; a channel reply chain reads <c>19:…@thread.tacv2;messageid=ROOT</c>.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>"channel", "groupChat" or "personal".</summary>
    public string? ConversationType { get; init; }

    public string? TenantId { get; init; }

    public bool? IsGroup { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
