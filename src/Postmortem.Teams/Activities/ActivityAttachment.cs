using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Activities;

/// <summary>One entry of an activity's <c>attachments</c> (a file, an image, an HTML copy of the text, a card).</summary>
public sealed record ActivityAttachment
{
    public string? ContentType { get; init; }

    public JsonElement? Content { get; init; }

    public string? ContentUrl { get; init; }

    public string? Name { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
