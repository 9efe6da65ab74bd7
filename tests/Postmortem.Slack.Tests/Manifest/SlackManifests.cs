using System.Text.Json.Nodes;

namespace Postmortem.Slack.Tests.Manifest;

/// <summary>The app manifests in manifests/slack, copied next to the test assembly, read as JSON.</summary>
internal static class SlackManifests
{
    public const string Http = "manifest.yaml";
    public const string SocketMode = "manifest.socket-mode.yaml";

    public static IReadOnlyList<string> All { get; } = [Http, SocketMode];

    public static JsonObject Load(string fileName) =>
        YamlJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Manifests", fileName)))!.AsObject();
}
