using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>The <c>bot_profile</c> of a message posted by an app.</summary>
public sealed record SlackBotProfile
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? AppId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
