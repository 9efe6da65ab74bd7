using Postmortem.Core.Events;
using Postmortem.Storage;

namespace Postmortem.Host.Processing;

/// <summary>
/// Where every source of events (Slack, Teams, the playground, delivery receipts) puts them: into the inbox, decided
/// by the <see cref="InboxProcessor"/> in the same commit whenever nothing older is waiting. Returns after the commit.
/// </summary>
public sealed class EventIntake(IPostmortemStore store, InboxProcessor processor, ProcessingSignals signals)
{
    /// <summary>Stores (and usually decides) the event; false when it was seen before.</summary>
    public async Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        var outcome = await store.AcceptAsync(chatEvent, processor, ct).ConfigureAwait(false);
        if (outcome == InboxAcceptance.Queued)
        {
            signals.Inbox.Poke();
        }

        return outcome != InboxAcceptance.Duplicate;
    }
}
