using Postmortem.Core.Rendering;

namespace Postmortem.Core.Tests.Rendering;

public class MentionTextTests
{
    private static readonly Dictionary<string, string> People = new() { ["U1"] = "Alice" };

    [Theory]
    [InlineData("ping <@U1> now", "ping @Alice now")]
    [InlineData("<@U1|al> and <@U9|dana>", "@Alice and @dana")]
    [InlineData("ask <@U9>", "ask @U9")]
    [InlineData("a <@ broken", "a <@ broken")]
    [InlineData("x <@> y", "x <@> y")]
    [InlineData("no mentions", "no mentions")]
    public void Mention_tokens_are_shown_as_display_names(string text, string expected) =>
        Assert.Equal(expected, MentionText.Resolve(text, People));
}
