namespace Postmortem.Slack.WebApi;

/// <summary>One page of <c>conversations.members</c>: user ids.</summary>
public sealed record SlackMembersPage : SlackApiResponse
{
    public IReadOnlyList<string> Members { get; init; } = [];
}
