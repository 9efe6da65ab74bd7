namespace Postmortem.Slack.Tests.Conformance;

public sealed class SharedFixturesTests
{
    [Fact]
    public void Fixtures_are_looked_for_beside_the_repository_root()
    {
        var repo = Directory.CreateTempSubdirectory("pm-slack-repo-");
        try
        {
            File.WriteAllText(Path.Combine(repo.FullName, "Postmortem.sln"), string.Empty);
            var deep = Directory.CreateDirectory(Path.Combine(repo.FullName, "artifacts", "bin", "debug"));

            var folder = SharedFixtures.Locate(deep.FullName, fallbackStart: null);

            Assert.Equal(Path.Combine(repo.Parent!.FullName, "shared", "fixtures", "slack"), folder);
        }
        finally
        {
            repo.Delete(recursive: true);
        }
    }

    [Fact]
    public void Skip_message_names_the_folder_it_looked_in()
    {
        Assert.Equal(
            $"shared fixtures not found at {SharedFixtures.ExpectedSlackFolder}; conformance suite skipped",
            SharedFixtures.SkippedMessage);
    }
}
