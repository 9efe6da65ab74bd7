namespace Postmortem.Teams.Tests.Conformance;

public sealed class SharedFixturesTests
{
    [Fact]
    public void Repository_without_a_shared_folder_yields_no_fixtures_and_says_where_it_looked()
    {
        var root = Directory.CreateTempSubdirectory("pm-teams-root-");
        try
        {
            var repo = Directory.CreateDirectory(Path.Combine(root.FullName, "main"));
            File.WriteAllText(Path.Combine(repo.FullName, "Postmortem.sln"), string.Empty);
            var deep = Directory.CreateDirectory(Path.Combine(repo.FullName, "tests", "x", "bin"));

            var found = SharedFixtures.Find([deep.FullName], out var lookedAt);

            Assert.Null(found);
            Assert.Equal(Path.Combine(root.FullName, "shared", "fixtures", "teams"), lookedAt);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Repository_with_a_shared_folder_beside_it_finds_the_teams_fixtures()
    {
        var root = Directory.CreateTempSubdirectory("pm-teams-root-");
        try
        {
            var repo = Directory.CreateDirectory(Path.Combine(root.FullName, "main"));
            File.WriteAllText(Path.Combine(repo.FullName, "Postmortem.sln"), string.Empty);
            var teams = Directory.CreateDirectory(Path.Combine(root.FullName, "shared", "fixtures", "teams"));

            Assert.Equal(teams.FullName, SharedFixtures.Find([repo.FullName], out _));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
