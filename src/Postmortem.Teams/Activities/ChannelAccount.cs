using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>A user or bot in an activity (<c>from</c>, <c>recipient</c>, a member, a mentioned user).</summary>
public sealed record ChannelAccount
{
    /// <summary>Opaque: <c>29:…</c> for users, <c>28:…</c> for bots.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>"user" or "bot" when Teams says.</summary>
    public string? Role { get; init; }

    public string? AadObjectId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
