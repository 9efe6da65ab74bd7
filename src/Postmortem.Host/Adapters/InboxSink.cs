using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Host.Processing;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.BlockKit;
using Postmortem.Slack.Inbound;
using Postmortem.Storage;

namespace Postmortem.Host.Adapters;

/// <summary>Where the chat adapters' verified events go: durably into the inbox (see <see cref="EventIntake"/>).</summary>
internal sealed class InboxSink(EventIntake intake, ILogger<InboxSink> logger) : ISlackEventSink, ISlackBackfillSink
{
    public async Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct) =>
        !Repeated(await intake.AcceptAsync(chatEvent, carriesReply: null, ct).ConfigureAwait(false), chatEvent);

    public async Task<SlackBlockMessage?> AcceptSlashCommandAsync(CommandInvoked command, CancellationToken ct)
    {
        SlackBlockMessage? answer = null;
        var receipt = await intake.AcceptAsync(command, action => SlackCommandReply.TryRender(command, action, out answer), ct).ConfigureAwait(false);
        return Repeated(receipt, command) || receipt.Reply is null ? null : answer;
    }

    Task ISlackBackfillSink.AcceptAsync(ChatEvent chatEvent, CancellationToken ct) => AcceptAsync(chatEvent, ct);

    private bool Repeated(InboxReceipt receipt, ChatEvent chatEvent)
    {
        if (receipt.Acceptance != InboxAcceptance.Duplicate)
        {
            return false;
        }

        logger.LogDebug("Dropped repeated event {EventId} in {Channel}", chatEvent.EventId, chatEvent.Channel.Key);
        return true;
    }
}
