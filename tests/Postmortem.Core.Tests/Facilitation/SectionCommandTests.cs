using Postmortem.Core.Actions;
using Postmortem.Core.Sessions;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class SectionCommandTests
{
    [Theory]
    [InlineData("impact checkout unavailable for 12% of EU users", PointKind.Impact, "checkout unavailable for 12% of EU users")]
    [InlineData("learned well paging reached the db on-call in 2 minutes", PointKind.WentWell, "paging reached the db on-call in 2 minutes")]
    [InlineData("learned poorly: the runbook pointed at the old dashboard", PointKind.WentPoorly, "the runbook pointed at the old dashboard")]
    [InlineData("learned lucky it happened at low traffic", PointKind.GotLucky, "it happened at low traffic")]
    [InlineData("prevent monitoring alert on pool saturation", PointKind.Monitoring, "alert on pool saturation")]
    [InlineData("prevent process config pushes go through the canary", PointKind.Process, "config pushes go through the canary")]
    [InlineData("prevent review 2026-12-10 with the payments team", PointKind.FollowUpReview, "2026-12-10 with the payments team")]
    public void Section_commands_add_a_line_to_their_section(string command, PointKind kind, string text)
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Bob, command);

        var point = Assert.Single(chat.OpenSession.Points);
        Assert.Equal(kind, point.Kind);
        Assert.Equal(text, point.Text);
        Assert.Equal(Bob.Id, point.AuthorId);
    }

    [Theory]
    [InlineData("learned sideways this and that")]
    [InlineData("prevent")]
    [InlineData("impact")]
    public void A_section_command_without_a_known_section_or_text_gets_its_usage(string command)
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Bob, command);

        Assert.Empty(chat.OpenSession.Points);
        Assert.StartsWith("Usage:", Assert.IsType<PostEphemeral>(Assert.Single(chat.Last)).Content.Text);
    }

    [Fact]
    public void Recorded_lines_appear_in_the_rendered_document()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        chat.Command(Bob, "impact checkout unavailable for 12% of EU users");
        chat.Command(Bob, "learned lucky it happened at low traffic");
        chat.Command(Bob, "prevent monitoring alert on pool saturation");

        chat.Command(Alice, "render");

        var markdown = Assert.IsType<PublishPostmortem>(Assert.Single(chat.Last)).Markdown;
        Assert.Contains("Impact scope: checkout unavailable for 12% of EU users", markdown);
        Assert.Contains("it happened at low traffic", markdown);
        Assert.Contains("alert on pool saturation", markdown);
    }
}
