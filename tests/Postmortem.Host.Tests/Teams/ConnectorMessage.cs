using System.Text.Json.Nodes;

namespace Postmortem.Host.Tests.Teams;

/// <summary>A message the bot posted through the loopback Bot Connector, with its latest Adaptive Card.</summary>
public sealed class ConnectorMessage
{
    public required string Id { get; init; }

    /// <summary>The conversation it lives in: for a channel post, its own reply chain <c>{channel};messageid={Id}</c>.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The root of the reply chain it was posted into; null for a new top-level post.</summary>
    public string? ReplyToId { get; init; }

    /// <summary>The card's content as last sent (posted, then replaced by each PUT).</summary>
    public JsonObject? Card { get; set; }

    /// <summary>How many times a PUT replaced it.</summary>
    public int Updates { get; set; }

    public bool IsReply => ReplyToId is not null;

    /// <summary>Every TextBlock's text and every FactSet fact of the card, one per line.</summary>
    public string Text => Card is null ? "" : string.Join("\n", Texts(Card));

    /// <summary>The <c>data</c> of the card's Action.Execute buttons.</summary>
    public IReadOnlyList<JsonObject> Buttons =>
        (Card?["actions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(a => a["type"]?.GetValue<string>() == "Action.Execute")
            .Select(a => a["data"] as JsonObject ?? [])
            .ToList();

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() == "TextBlock" && obj["text"] is JsonValue text)
                {
                    yield return text.GetValue<string>();
                }

                if (obj["type"]?.GetValue<string>() == "FactSet")
                {
                    foreach (var fact in (obj["facts"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        yield return $"{fact["title"]?.GetValue<string>()}: {fact["value"]?.GetValue<string>()}";
                    }
                }

                foreach (var (name, child) in obj)
                {
                    if (name is not ("actions" or "msteams" or "facts"))
                    {
                        foreach (var line in Texts(child))
                        {
                            yield return line;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var line in Texts(child))
                    {
                        yield return line;
                    }
                }

                break;
        }
    }
}
