using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>One entry of an activity's <c>entities</c>; mentions have <see cref="Type"/> "mention".</summary>
public sealed record ActivityEntity
{
    public string? Type { get; init; }

    /// <summary>For a mention: who was mentioned.</summary>
    public ChannelAccount? Mentioned { get; init; }

    /// <summary>For a mention: the exact text of the mention inside the activity's text, e.g. <c>&lt;at&gt;Bob&lt;/at&gt;</c>.</summary>
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
