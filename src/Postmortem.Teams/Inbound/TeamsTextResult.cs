namespace Postmortem.Teams.Inbound;

/// <summary>Text converted by <see cref="TeamsText"/>: neutral mentions, their names, and whether the bot was mentioned.</summary>
internal sealed record TeamsTextResult(string Text, IReadOnlyDictionary<string, string>? MentionNames, bool BotMentioned);
