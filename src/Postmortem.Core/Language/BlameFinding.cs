namespace Postmortem.Core.Language;

/// <summary>Wording that points at a person, and a system-focused way to say it.</summary>
public sealed record BlameFinding(string Phrase, string Suggestion);
