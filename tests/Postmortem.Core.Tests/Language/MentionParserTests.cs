using Postmortem.Core.Language;

namespace Postmortem.Core.Tests.Language;

public sealed class MentionParserTests
{
    [Fact]
    public void Ids_come_in_order_each_once() =>
        Assert.Equal(["U2", "U1"], MentionParser.UserIds("<@U2> and <@U1|alice>, thanks <@U2|bob>"));

    [Fact]
    public void Teams_style_ids_are_kept_whole() =>
        Assert.Equal(["29:1a-B_c"], MentionParser.UserIds("ping <@29:1a-B_c|Alice Smith>"));

    [Theory]
    [InlineData("")]
    [InlineData("email me at a@b.com")]
    [InlineData("<@> and <@ U1>")]
    [InlineData("<#C123|general> and <!here>")]
    public void Text_without_mentions_gives_none(string text) => Assert.Empty(MentionParser.UserIds(text));
}
