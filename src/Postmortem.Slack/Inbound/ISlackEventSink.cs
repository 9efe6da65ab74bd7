using Postmortem.Core.Events;
using Postmortem.Slack.BlockKit;

namespace Postmortem.Slack.Inbound;

/// <summary>Where inbound Slack events go (the Host's inbox); Slack is acknowledged only after this returns.</summary>
public interface ISlackEventSink
{
    /// <summary>Stores the event durably; false when an event with the same id was already stored.</summary>
    Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct);

    /// <summary>
    /// Stores a slash command like <see cref="AcceptAsync"/>. When it is decided at once and its answer can travel in the
    /// acknowledgement (<see cref="SlackCommandReply.TryRender"/>), returns that answer, rendered, which is then not sent
    /// through the outbox; null otherwise (also for a repeat).
    /// </summary>
    Task<SlackBlockMessage?> AcceptSlashCommandAsync(CommandInvoked command, CancellationToken ct);
}
