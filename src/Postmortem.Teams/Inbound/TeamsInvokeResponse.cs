using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Postmortem.Teams.Inbound;

/// <summary>
/// The HTTP body answering an <c>adaptiveCard/action</c> invoke: a short message, or a card that replaces the one
/// whose button was pressed.
/// </summary>
public sealed record TeamsInvokeResponse(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] JsonNode? Value)
{
    public const string MessageType = "application/vnd.microsoft.activity.message";

    public const string CardType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Teams shows <paramref name="text"/> briefly; the card stays as it was.</summary>
    public static TeamsInvokeResponse Message(string text) => new(200, MessageType, JsonValue.Create(text));

    /// <summary>Teams replaces the card with <paramref name="card"/> (an Adaptive Card JSON object).</summary>
    public static TeamsInvokeResponse Card(JsonObject card) => new(200, CardType, card);
}
