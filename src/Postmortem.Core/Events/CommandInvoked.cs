using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

/// <summary>
/// <c>/postmortem …</c> (Slack) or <c>@Postmortem …</c> (Teams): <see cref="Text"/> is what follows the command
/// or the mention, e.g. <c>start API outage sev:SEV2 since:3h</c>.
/// </summary>
public sealed record CommandInvoked : ChatEvent
{
    public required ChatUser User { get; init; }

    public required string Text { get; init; }

    /// <summary>Display names of users mentioned in <see cref="Text"/>, by id.</summary>
    public IReadOnlyDictionary<string, string>? MentionNames { get; init; }

    /// <summary>Set when the command was given inside a thread (a mention in a reply chain).</summary>
    public string? ThreadId { get; init; }

    /// <summary>
    /// The message that carried the command when it was a mention of the bot (<c>@Postmortem …</c>); null for a slash
    /// command, which is no message. A mention in a thread the bot runs that is not a sub-command is that thread's
    /// next reply (an answer to a why), so responders may address the bot while they answer.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// The message that carried the mention has a file or image attached, so an answer given by mentioning the bot
    /// with a screenshot counts as evidence like any other reply with one. Always false for a slash command.
    /// </summary>
    public bool HasFile { get; init; }
}
