using Postmortem.Core.Events;
using Postmortem.Host.Processing;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.Inbound;

namespace Postmortem.Host.Adapters;

/// <summary>Where the chat adapters' verified events go: durably into the inbox (see <see cref="EventIntake"/>).</summary>
internal sealed class InboxSink(EventIntake intake, ILogger<InboxSink> logger) : ISlackEventSink, ISlackBackfillSink
{
    public async Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        var added = await intake.AcceptAsync(chatEvent, ct).ConfigureAwait(false);
        if (!added)
        {
            logger.LogDebug("Dropped repeated event {EventId} in {Channel}", chatEvent.EventId, chatEvent.Channel.Key);
        }

        return added;
    }

    Task ISlackBackfillSink.AcceptAsync(ChatEvent chatEvent, CancellationToken ct) => AcceptAsync(chatEvent, ct);
}
