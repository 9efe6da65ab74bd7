namespace Postmortem.Slack.Outbound;

/// <summary>Outbound settings read from the "Slack" section besides <see cref="SlackOptions"/>.</summary>
public sealed class SlackOutboundOptions
{
    /// <summary>
    /// The postmortem's web view, with <c>{sessionId}</c> replaced (e.g. <c>https://pm.example.com/postmortems/{sessionId}</c>);
    /// when unset the summary links only to the uploaded file.
    /// </summary>
    public string? DocumentUrlTemplate { get; set; }
}
