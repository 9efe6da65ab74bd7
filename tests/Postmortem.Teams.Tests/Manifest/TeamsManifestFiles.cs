using System.Reflection;
using System.Text.Json.Nodes;

namespace Postmortem.Teams.Tests.Manifest;

/// <summary>Finds manifests/teams in this repository and the Teams schema in ../shared/schemas (not committed here).</summary>
internal static class TeamsManifestFiles
{
    static TeamsManifestFiles()
    {
        RepositoryRoot = Starts()
            .Select(start => Up(start).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "Postmortem.sln"))))
            .FirstOrDefault(root => root is not null)
            ?? throw new InvalidOperationException("repository root (Postmortem.sln) not found");
        SchemaPath = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "schemas", "MicrosoftTeams.schema.json"));
    }

    public static string RepositoryRoot { get; }

    public static string Folder => Path.Combine(RepositoryRoot, "manifests", "teams");

    /// <summary>Where the schema should be; it may be absent (tests then skip with a message).</summary>
    public static string SchemaPath { get; }

    public static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    public static JsonNode? Schema() => File.Exists(SchemaPath) ? JsonNode.Parse(File.ReadAllText(SchemaPath)) : null;

    private static IEnumerable<string> Up(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            yield return dir.FullName;
        }
    }

    private static IEnumerable<string> Starts()
    {
        yield return AppContext.BaseDirectory;
        var source = typeof(TeamsManifestFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SourceDirectory")?.Value;
        if (!string.IsNullOrEmpty(source))
        {
            yield return source;
        }
    }
}
