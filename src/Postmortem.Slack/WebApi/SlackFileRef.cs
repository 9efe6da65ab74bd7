using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A file as the upload methods name it.</summary>
public sealed record SlackFileRef
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public string? Permalink { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
