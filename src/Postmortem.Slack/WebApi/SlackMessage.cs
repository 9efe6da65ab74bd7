using System.Text.Json.Nodes;

namespace Postmortem.Slack.WebApi;

/// <summary>What to post or update: fallback text, Block Kit blocks, thread and metadata.</summary>
public sealed record SlackMessage(string Channel, string Text)
{
    public IReadOnlyList<JsonObject>? Blocks { get; init; }

    public string? ThreadTs { get; init; }

    public SlackMessageMetadata? Metadata { get; init; }

    /// <summary>Builds the JSON arguments shared by chat.postMessage, chat.update and chat.postEphemeral.</summary>
    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["channel"] = Channel, ["text"] = Text };
        if (Blocks is { Count: > 0 })
        {
            body["blocks"] = new JsonArray(Blocks.Select(b => (JsonNode)b.DeepClone()).ToArray());
        }

        if (ThreadTs is not null)
        {
            body["thread_ts"] = ThreadTs;
        }

        if (Metadata is not null)
        {
            body["metadata"] = new JsonObject
            {
                ["event_type"] = Metadata.EventType,
                ["event_payload"] = JsonNode.Parse(Metadata.EventPayload.GetRawText()),
            };
        }

        return body;
    }
}
