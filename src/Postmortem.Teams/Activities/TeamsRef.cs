using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>A tenant, team or channel as <c>channelData</c> names it: an id and maybe a display name.</summary>
public sealed record TeamsRef
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
