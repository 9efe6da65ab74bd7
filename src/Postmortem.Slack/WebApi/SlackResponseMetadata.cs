using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A response's <c>response_metadata</c>: the next page's cursor and any warnings.</summary>
public sealed record SlackResponseMetadata
{
    public string? NextCursor { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    public IReadOnlyList<string>? Messages { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
