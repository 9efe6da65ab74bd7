using System.Text.Json;

namespace Postmortem.Slack.WebApi;

/// <summary>Message metadata (<c>event_type</c> + <c>event_payload</c>) an app attaches to its posts.</summary>
public sealed record SlackMessageMetadata(string EventType, JsonElement EventPayload)
{
    /// <summary>The event type our posts carry; the payload holds the action key.</summary>
    public const string PostmortemAction = "postmortem_action";

    public static SlackMessageMetadata ForAction(string key) =>
        new(PostmortemAction, JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["key"] = key }));

    /// <summary>The action key when this is our metadata; null otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ActionKey =>
        EventType == PostmortemAction
        && EventPayload.ValueKind == JsonValueKind.Object
        && EventPayload.TryGetProperty("key", out var key)
        && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;
}
