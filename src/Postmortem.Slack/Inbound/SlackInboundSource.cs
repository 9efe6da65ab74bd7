namespace Postmortem.Slack.Inbound;

/// <summary>Which of Slack's three inbound kinds a request was; they differ in how a failure is answered.</summary>
public enum SlackInboundSource
{
    EventsApi,
    SlashCommand,
    Interactivity,
}
