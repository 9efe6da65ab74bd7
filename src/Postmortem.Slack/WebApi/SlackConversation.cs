using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A channel as <c>conversations.info</c> returns it.</summary>
public sealed record SlackConversation
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>When the channel was created, in Unix seconds.</summary>
    public long Created { get; init; }

    public bool IsPrivate { get; init; }

    public bool IsArchived { get; init; }

    public bool IsMember { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
