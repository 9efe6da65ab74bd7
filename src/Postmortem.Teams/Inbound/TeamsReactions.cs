using System.Globalization;
using System.Text;
using Postmortem.Core.Events;

namespace Postmortem.Teams.Inbound;

/// <summary>
/// Maps Teams reaction types (opaque strings) onto <see cref="ReactionKind"/>. Teams' classic reactions are
/// "like", "heart", "laugh", "surprised", "sad", "angry"; newer clients send emoji, emoji names or ids such as
/// <c>2705_whiteheavycheckmark</c>. Names are compared lower-case without <c>_</c>, <c>-</c>, spaces or a skin tone.
/// <list type="bullet">
/// <item>Confirm: "like" / 👍 / "thumbsup" / id 1f44d (Teams' default reaction), ✅ ✔ ☑, "checkmark", "heavycheckmark", "whitecheckmark",
/// "whiteheavycheckmark", "checkmarkbutton", "ballotboxwithcheck", ids starting 1f44d / 2705 / 2714 / 2611.</item>
/// <item>Decline: ❌ ❎ ✖, "x", "cross", "crossmark", "crossmarkbutton", "heavymultiplicationx", ids starting 274c / 274e / 2716.</item>
/// <item>Highlight: 📌 📍, "pin", "pushpin", "roundpushpin", ids starting 1f4cc / 1f4cd.</item>
/// <item>Anything else: Other.</item>
/// </list>
/// </summary>
internal static class TeamsReactions
{
    private static readonly HashSet<string> Confirm =
        ["like", "👍", "thumbsup", "+1", "✅", "✔", "☑", "checkmark", "heavycheckmark", "whitecheckmark", "whiteheavycheckmark", "checkmarkbutton", "ballotboxwithcheck"];

    private static readonly HashSet<string> Decline =
        ["❌", "❎", "✖", "x", "cross", "crossmark", "crossmarkbutton", "heavymultiplicationx"];

    private static readonly HashSet<string> Highlight = ["📌", "📍", "pin", "pushpin", "roundpushpin"];

    public static ReactionKind Kind(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return ReactionKind.Other;
        }

        var name = Normalize(type);
        var id = name.Split('_', 2)[0];
        if (Confirm.Contains(name) || id is "1f44d" or "2705" or "2714" or "2611")
        {
            return ReactionKind.Confirm;
        }

        if (Decline.Contains(name) || id is "274c" or "274e" or "2716")
        {
            return ReactionKind.Decline;
        }

        if (Highlight.Contains(name) || id is "1f4cc" or "1f4cd")
        {
            return ReactionKind.Highlight;
        }

        return ReactionKind.Other;
    }

    /// <summary>Lower-case; drops variation selectors, skin tones, separators (keeping the first <c>_</c> after a hex id).</summary>
    private static string Normalize(string type)
    {
        var text = type.Trim().ToLowerInvariant();
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is 0xFE0F or 0x200D || (value >= 0x1F3FB && value <= 0x1F3FF))
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        var cleaned = builder.ToString();
        var underscore = cleaned.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0 && IsHex(cleaned[..underscore]))
        {
            return cleaned[..underscore] + "_" + Squash(cleaned[(underscore + 1)..]);
        }

        return Squash(cleaned);
    }

    private static string Squash(string text) =>
        text.Replace("_", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal);

    private static bool IsHex(string text) =>
        text.Length is >= 4 and <= 6 && int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);
}
