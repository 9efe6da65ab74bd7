using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>The envelope every Web API response shares; fields Slack adds later are kept in <see cref="Extra"/>.</summary>
public record SlackApiResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    public string? Warning { get; init; }

    public SlackResponseMetadata? ResponseMetadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The cursor of the next page; null on the last page (empty or absent).</summary>
    [JsonIgnore]
    public string? NextCursor => string.IsNullOrEmpty(ResponseMetadata?.NextCursor) ? null : ResponseMetadata.NextCursor;
}
