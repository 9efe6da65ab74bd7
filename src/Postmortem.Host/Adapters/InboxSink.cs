using Postmortem.Core.Events;
using Postmortem.Host.Processing;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.Inbound;
using Postmortem.Storage;

namespace Postmortem.Host.Adapters;

/// <summary>Where every adapter's verified events go: durably into the inbox, then the processor is woken.</summary>
internal sealed class InboxSink(IPostmortemStore store, ProcessingSignals signals, ILogger<InboxSink> logger) : ISlackEventSink, ISlackBackfillSink
{
    public async Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        var added = await store.TryAddToInboxAsync(chatEvent, ct).ConfigureAwait(false);
        if (added)
        {
            signals.Inbox.Poke();
        }
        else
        {
            logger.LogDebug("Dropped repeated event {EventId} in {Channel}", chatEvent.EventId, chatEvent.Channel.Key);
        }

        return added;
    }

    Task ISlackBackfillSink.AcceptAsync(ChatEvent chatEvent, CancellationToken ct) => AcceptAsync(chatEvent, ct);
}
