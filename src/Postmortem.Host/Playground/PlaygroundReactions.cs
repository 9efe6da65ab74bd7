using Postmortem.Core.Events;

namespace Postmortem.Host.Playground;

/// <summary>Maps the emoji (or their Slack-style names) people react with onto a <see cref="ReactionKind"/>.</summary>
public static class PlaygroundReactions
{
    public const string Confirm = "✅";
    public const string Decline = "❌";
    public const string Highlight = "📌";

    /// <summary>The emoji as shown (names like <c>white_check_mark</c> become the emoji).</summary>
    public static string Normalize(string emoji)
    {
        var name = emoji.Trim().Trim(':');
        return name switch
        {
            "white_check_mark" or "heavy_check_mark" or "✔️" or "✔" => Confirm,
            "x" or "❎" => Decline,
            "pushpin" or "round_pushpin" => Highlight,
            _ => name,
        };
    }

    public static ReactionKind KindOf(string emoji) => Normalize(emoji) switch
    {
        Confirm => ReactionKind.Confirm,
        Decline => ReactionKind.Decline,
        Highlight => ReactionKind.Highlight,
        _ => ReactionKind.Other,
    };
}
