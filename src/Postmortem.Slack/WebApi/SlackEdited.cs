namespace Postmortem.Slack.WebApi;

/// <summary>A message's <c>edited</c> marker: who edited it last, and when (a message timestamp).</summary>
public sealed record SlackEdited(string? User, string? Ts);
