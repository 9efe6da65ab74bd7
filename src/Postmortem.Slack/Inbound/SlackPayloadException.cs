namespace Postmortem.Slack.Inbound;

/// <summary>Raised inside the parser when a required field is missing or unreadable; it becomes a Malformed result.</summary>
internal sealed class SlackPayloadException(string message) : Exception(message);
