using System.Text.Json.Nodes;

namespace Postmortem.Host.Tests.Teams;

/// <summary>One call the bot made to the loopback Bot Connector, as it arrived.</summary>
/// <param name="Method">POST or PUT.</param>
/// <param name="Path">The decoded path, e.g. <c>/v3/conversations/19:…;messageid=1/activities/1</c>.</param>
/// <param name="ConversationId">The conversation in the path (null for <c>POST /v3/conversations</c>).</param>
/// <param name="ActivityId">The activity in the path: the one replied to (POST) or replaced (PUT).</param>
/// <param name="Authorization">The Authorization header exactly as sent.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Status">What the loopback answered.</param>
public sealed record ConnectorRequest(
    string Method,
    string Path,
    string? ConversationId,
    string? ActivityId,
    string Authorization,
    JsonObject Body,
    int Status);
