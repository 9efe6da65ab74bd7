using System.Reflection;

namespace Postmortem.Teams.Tests.Conformance;

/// <summary>Finds Microsoft's sample payloads in ../shared/fixtures/teams beside the repository root (not committed here).</summary>
internal static class SharedFixtures
{
    static SharedFixtures()
    {
        TeamsFolder = Find(Starts(), out var lookedAt);
        LookedAt = lookedAt;
    }

    /// <summary>Where we looked, for the skip message.</summary>
    public static string LookedAt { get; }

    /// <summary>The teams fixtures folder, or null when it is not there.</summary>
    public static string? TeamsFolder { get; }

    /// <summary>Walks up from each start to the folder holding Postmortem.sln; null when ../shared/fixtures/teams is absent.</summary>
    internal static string? Find(IEnumerable<string> starts, out string lookedAt)
    {
        lookedAt = "(repository root not found)";
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Postmortem.sln")))
                {
                    var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "teams"));
                    lookedAt = folder;
                    return Directory.Exists(folder) ? folder : null;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> Starts()
    {
        yield return AppContext.BaseDirectory;
        var source = typeof(SharedFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        if (!string.IsNullOrEmpty(source))
        {
            yield return source;
        }
    }
}
