namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>chat.getPermalink</c>.</summary>
public sealed record SlackPermalinkResponse : SlackApiResponse
{
    public string? Channel { get; init; }

    public string? Permalink { get; init; }
}
