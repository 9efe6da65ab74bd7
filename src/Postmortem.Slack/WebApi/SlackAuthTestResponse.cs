namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>auth.test</c>: who the token belongs to.</summary>
public sealed record SlackAuthTestResponse : SlackApiResponse
{
    public string? Url { get; init; }

    public string? Team { get; init; }

    public string? User { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public string? BotId { get; init; }
}
