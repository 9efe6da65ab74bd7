namespace Postmortem.Slack.WebApi;

/// <summary>One emoji reaction: its name, how many, and who.</summary>
public sealed record SlackReaction(string Name, int Count, IReadOnlyList<string>? Users);
