using System.Text.Json;

namespace Postmortem.Slack.Inbound;

/// <summary>Small readers over <see cref="JsonElement"/> that tolerate unknown and oddly typed fields.</summary>
internal static class SlackJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A string that must be present and not empty; <paramref name="path"/> names it in the error.</summary>
    public static string Required(JsonElement element, string name, string? path = null)
    {
        var value = String(element, name);
        return string.IsNullOrEmpty(value) ? throw new SlackPayloadException($"missing {path ?? name}") : value;
    }

    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static JsonElement RequiredObject(JsonElement element, string name) =>
        Object(element, name) ?? throw new SlackPayloadException($"missing {name}");

    public static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static bool HasItems(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Array
        && value.GetArrayLength() > 0;
}
