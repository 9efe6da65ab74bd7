namespace Postmortem.Core.Events;

/// <summary>The bot was added to a channel (Slack: it joined; Teams: the app was installed in a team).</summary>
public sealed record BotJoined : ChatEvent;
