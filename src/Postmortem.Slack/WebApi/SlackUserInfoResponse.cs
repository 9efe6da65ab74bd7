namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>users.info</c>.</summary>
public sealed record SlackUserInfoResponse : SlackApiResponse
{
    public SlackUser? User { get; init; }
}
