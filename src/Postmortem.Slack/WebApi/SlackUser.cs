using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A user as <c>users.info</c> returns it.</summary>
public sealed record SlackUser
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? RealName { get; init; }

    public bool IsBot { get; init; }

    public bool Deleted { get; init; }

    public SlackUserProfile? Profile { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>The name to show: display name, else real name, else user name, else the id.</summary>
    [JsonIgnore]
    public string DisplayName =>
        NonEmpty(Profile?.DisplayName) ?? NonEmpty(Profile?.RealName) ?? NonEmpty(RealName) ?? NonEmpty(Name) ?? Id ?? "";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
