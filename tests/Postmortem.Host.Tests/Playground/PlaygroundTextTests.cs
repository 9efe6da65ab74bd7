using Postmortem.Core.Events;
using Postmortem.Host.Playground;

namespace Postmortem.Host.Tests.Playground;

public sealed class PlaygroundTextTests
{
    [Theory]
    [InlineData("ping @bob", "ping <@bob>")]
    [InlineData("@alice and @bob.smith, look", "<@alice> and <@bob.smith>, look")]
    [InlineData("thanks @carol.", "thanks <@carol>.")]
    [InlineData("mail ops@example.com", "mail ops@example.com")]
    [InlineData("already <@dave>", "already <@dave>")]
    [InlineData("no mentions", "no mentions")]
    public void At_names_become_neutral_mentions(string typed, string expected)
    {
        Assert.Equal(expected, PlaygroundText.WithMentions(typed).Text);
    }

    [Fact]
    public void Mentioned_names_are_listed_by_id()
    {
        var (_, names) = PlaygroundText.WithMentions("@alice owns it, @bob reviews");
        Assert.Equal(new Dictionary<string, string> { ["alice"] = "alice", ["bob"] = "bob" }, names);
    }

    [Theory]
    [InlineData("/postmortem start API outage", "start API outage")]
    [InlineData("  /postmortem   help ", "help")]
    [InlineData("/postmortem", "")]
    [InlineData("/postmortems start", null)]
    [InlineData("see /postmortem start", null)]
    [InlineData("hello", null)]
    public void Only_a_leading_postmortem_command_is_a_command(string typed, string? arguments)
    {
        Assert.Equal(arguments, PlaygroundText.CommandArguments(typed));
    }

    [Theory]
    [InlineData("✅", ReactionKind.Confirm)]
    [InlineData("white_check_mark", ReactionKind.Confirm)]
    [InlineData(":white_check_mark:", ReactionKind.Confirm)]
    [InlineData("❌", ReactionKind.Decline)]
    [InlineData("x", ReactionKind.Decline)]
    [InlineData("📌", ReactionKind.Highlight)]
    [InlineData("pushpin", ReactionKind.Highlight)]
    [InlineData("tada", ReactionKind.Other)]
    [InlineData("👍", ReactionKind.Other)]
    public void Emoji_map_onto_reaction_kinds(string emoji, ReactionKind kind)
    {
        Assert.Equal(kind, PlaygroundReactions.KindOf(emoji));
    }
}
