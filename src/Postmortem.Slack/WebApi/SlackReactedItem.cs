using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A message or file carrying reactions.</summary>
public sealed record SlackReactedItem
{
    public string? Id { get; init; }

    public string? Ts { get; init; }

    public IReadOnlyList<SlackReaction> Reactions { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
