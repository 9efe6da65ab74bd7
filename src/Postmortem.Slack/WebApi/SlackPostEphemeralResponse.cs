namespace Postmortem.Slack.WebApi;

/// <summary>The answer of <c>chat.postEphemeral</c>.</summary>
public sealed record SlackPostEphemeralResponse : SlackApiResponse
{
    public string? MessageTs { get; init; }
}
