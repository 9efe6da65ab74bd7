
namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>reactions.get</c>: the item (a message or a file) with its reactions.</summary>
public sealed record SlackReactionsResponse : SlackApiResponse
{
    public string? Type { get; init; }

    public string? Channel { get; init; }

    public SlackReactedItem? Message { get; init; }

    public SlackReactedItem? File { get; init; }

    /// <summary>The reactions of whichever item was returned.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<SlackReaction> Reactions => (Message ?? File)?.Reactions ?? [];
}
