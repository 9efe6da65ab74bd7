using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Slack.WebApi;

/// <summary>A message as the history, replies and post methods return it.</summary>
public sealed record SlackMessageItem
{
    public string? Type { get; init; }

    public string? Subtype { get; init; }

    public string? Ts { get; init; }

    public string? ThreadTs { get; init; }

    public string? User { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    public string? Username { get; init; }

    public string? Text { get; init; }

    public int ReplyCount { get; init; }

    public SlackBotProfile? BotProfile { get; init; }

    public SlackEdited? Edited { get; init; }

    public IReadOnlyList<JsonElement>? Files { get; init; }

    public SlackMessageMetadata? Metadata { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
