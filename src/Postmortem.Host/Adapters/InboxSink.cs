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
        (await AcceptAsync(chatEvent, carriesReply: null, ct).ConfigureAwait(false)).Acceptance != InboxAcceptance.Duplicate;

    public async Task<SlackBlockMessage?> AcceptSlashCommandAsync(CommandInvoked command, CancellationToken ct)
    {
        SlackBlockMessage? answer = null;
        var receipt = await AcceptAsync(command, action => SlackCommandReply.TryRender(command, action, out answer), ct).ConfigureAwait(false);
        return receipt.Reply is null ? null : answer;
    }

    Task ISlackBackfillSink.AcceptAsync(ChatEvent chatEvent, CancellationToken ct) => AcceptAsync(chatEvent, ct);

    private async Task<InboxReceipt> AcceptAsync(ChatEvent chatEvent, Func<ChatAction, bool>? carriesReply, CancellationToken ct)
    {
        var receipt = await intake.AcceptAsync(chatEvent, carriesReply, ct).ConfigureAwait(false);
        if (receipt.Acceptance == InboxAcceptance.Duplicate)
        {
            logger.LogDebug("Dropped repeated event {EventId} in {Channel}", chatEvent.EventId, chatEvent.Channel.Key);
        }

        return receipt;
    }
}
