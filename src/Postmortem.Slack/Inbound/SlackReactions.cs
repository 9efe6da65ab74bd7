using Postmortem.Core.Events;

namespace Postmortem.Slack.Inbound;

/// <summary>Maps Slack emoji names onto what a reaction means to the bot.</summary>
internal static class SlackReactions
{
    public static ReactionKind Kind(string name)
    {
        var skinTone = name.IndexOf("::", StringComparison.Ordinal);
        var baseName = skinTone < 0 ? name : name[..skinTone];
        return baseName switch
        {
            "white_check_mark" or "heavy_check_mark" or "ballot_box_with_check" => ReactionKind.Confirm,
            "x" or "negative_squared_cross_mark" or "no_entry_sign" => ReactionKind.Decline,
            "pushpin" or "round_pushpin" => ReactionKind.Highlight,
            _ => ReactionKind.Other,
        };
    }
}
