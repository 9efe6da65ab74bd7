namespace Postmortem.Slack.Tests.Inbound;

public class SlackWorkspaceTests
{
    [Fact]
    public void Message_links_follow_slacks_permalink_form_once_the_workspace_is_known()
    {
        var workspace = new SlackWorkspace();
        Assert.Null(workspace.MessageLink("C1", "1764072120.123456"));

        workspace.Url = "https://acme.slack.com";

        Assert.Equal("https://acme.slack.com/archives/C1/p1764072120123456", workspace.MessageLink("C1", "1764072120.123456"));
        Assert.Equal(
            "https://acme.slack.com/archives/C1/p1764072130000100?thread_ts=1764072120.123456&cid=C1",
            workspace.MessageLink("C1", "1764072130.000100", "1764072120.123456"));
    }
}
