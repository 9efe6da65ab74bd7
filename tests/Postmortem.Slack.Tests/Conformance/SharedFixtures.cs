using System.Reflection;

namespace Postmortem.Slack.Tests.Conformance;

/// <summary>Finds Slack's real payloads in <c>../shared/fixtures/slack</c> next to the repository root.</summary>
internal static class SharedFixtures
{
    private const string SolutionFile = "Postmortem.sln";

    /// <summary>The folder holding the Slack fixtures, or null when it is absent.</summary>
    public static string? SlackFolder => Directory.Exists(ExpectedSlackFolder) ? ExpectedSlackFolder : null;

    /// <summary>Where the fixtures are looked for (for the "not found" message).</summary>
    public static string ExpectedSlackFolder { get; } = Locate(AppContext.BaseDirectory, SourceDirectory());

    public static string SkippedMessage => $"shared fixtures not found at {ExpectedSlackFolder}; conformance suite skipped";

    /// <summary>../shared/fixtures/slack beside the first repository root found above a start folder.</summary>
    internal static string Locate(string start, string? fallbackStart)
    {
        var root = RepositoryRoot(start) ?? RepositoryRoot(fallbackStart);
        var basis = root ?? start;
        return Path.GetFullPath(Path.Combine(basis, "..", "shared", "fixtures", "slack"));
    }

    private static string? RepositoryRoot(string? start)
    {
        for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The test project's folder, recorded at build time (the build output may live outside the tree).</summary>
    private static string? SourceDirectory() =>
        typeof(SharedFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
}
