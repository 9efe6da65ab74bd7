using Postmortem.Core.Events;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Tests.Inbound;

public sealed class TeamsReactionsTests
{
    [Theory]
    [InlineData("like")]
    [InlineData("👍")]
    [InlineData("1f44d_thumbsup")]
    [InlineData("✅")]
    [InlineData("✔️")]
    [InlineData("heavycheckmark")]
    [InlineData("checkmarkbutton")]
    [InlineData("white_check_mark")]
    [InlineData("2705_whiteheavycheckmark")]
    [InlineData("Heavy-Check-Mark")]
    public void Like_and_check_marks_confirm(string type) => Assert.Equal(ReactionKind.Confirm, TeamsReactions.Kind(type));

    [Theory]
    [InlineData("❌")]
    [InlineData("x")]
    [InlineData("crossmark")]
    [InlineData("cross_mark")]
    [InlineData("274c_crossmark")]
    public void Crosses_decline(string type) => Assert.Equal(ReactionKind.Decline, TeamsReactions.Kind(type));

    [Theory]
    [InlineData("📌")]
    [InlineData("pushpin")]
    [InlineData("1f4cc_pushpin")]
    public void Pins_highlight(string type) => Assert.Equal(ReactionKind.Highlight, TeamsReactions.Kind(type));

    [Theory]
    [InlineData("heart")]
    [InlineData("laugh")]
    [InlineData("1f44e_thumbsdown")]
    [InlineData("")]
    [InlineData(null)]
    public void Everything_else_is_other(string? type) => Assert.Equal(ReactionKind.Other, TeamsReactions.Kind(type));
}
