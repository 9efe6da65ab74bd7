namespace Postmortem.Slack.Inbound;

/// <summary>Whether a request's Slack signature holds; <see cref="Reason"/> says why not, fit for a log line.</summary>
public sealed record SlackSignatureResult(bool IsValid, string Reason)
{
    public static SlackSignatureResult Valid { get; } = new(true, "valid");

    public static SlackSignatureResult Refused(string reason) => new(false, reason);
}
