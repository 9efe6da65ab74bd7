namespace Postmortem.Core.Language;

/// <summary>Reads neutral mention tokens <c>&lt;@ID&gt;</c> / <c>&lt;@ID|label&gt;</c> from text.</summary>
public static class MentionParser
{
    public static IReadOnlyList<string> UserIds(string text) => [];
}
