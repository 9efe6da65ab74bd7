using System.Text.Json.Nodes;

namespace Postmortem.Teams.Tests.Outbound;

/// <summary>One request the loopback connector received: <see cref="Path"/> decoded, <see cref="RawTarget"/> as sent.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string RawTarget,
    string Authorization,
    JsonObject? Body,
    DateTimeOffset At);
