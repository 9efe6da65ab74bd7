using System.Text;
using System.Text.Json;

namespace Postmortem.Slack.Tests.Payloads;

/// <summary>Our own Slack-shaped payloads, copied next to the test assembly.</summary>
internal static class Payload
{
    public static byte[] Bytes(string fileName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", fileName));

    public static string Text(string fileName) => Encoding.UTF8.GetString(Bytes(fileName));

    /// <summary>An interactivity payload as Slack posts it: <c>payload=&lt;url-encoded JSON&gt;</c>.</summary>
    public static byte[] InteractivityForm(string fileName)
    {
        var compact = JsonSerializer.Serialize(JsonDocument.Parse(Bytes(fileName)).RootElement);
        return Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(compact));
    }
}
