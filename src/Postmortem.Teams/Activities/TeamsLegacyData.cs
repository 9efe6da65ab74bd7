using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>The <c>legacy</c> object of an activity (inside <c>channelData</c> or, in older samples, at the root).</summary>
public sealed record TeamsLegacyData
{
    public string? ReplyToId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
