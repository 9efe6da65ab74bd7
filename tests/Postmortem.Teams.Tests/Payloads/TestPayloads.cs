using System.Text;
using System.Text.Json.Nodes;

namespace Postmortem.Teams.Tests.Payloads;

/// <summary>Our own activity payloads (written in the shapes of Microsoft's samples), copied next to the tests.</summary>
internal static class TestPayloads
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name)))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
