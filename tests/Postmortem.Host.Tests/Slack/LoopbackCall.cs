using System.Text.Json.Nodes;

namespace Postmortem.Host.Tests.Slack;

/// <summary>A Web API call <see cref="LoopbackSlackApi"/> received: the method, its arguments and what it answered.</summary>
public sealed record LoopbackCall(string Method, JsonObject Arguments, bool Ok, string? Error)
{
    public string? Argument(string name) => Arguments[name] is JsonValue value ? value.ToString() : Arguments[name]?.ToJsonString();
}
