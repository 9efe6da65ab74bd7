using Postmortem.Core.Actions;
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
    public async Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct) =>
        (await AcceptAsync(chatEvent, carriesReply: null, ct).ConfigureAwait(false)).Acceptance != InboxAcceptance.Duplicate;

    /// <summary>
    /// Stores (and usually decides) the event; when it is decided at once, the action <paramref name="carriesReply"/>
    /// picks comes back in the receipt instead of going through the outbox, for the caller to answer with.
    /// </summary>
    public async Task<InboxReceipt> AcceptAsync(ChatEvent chatEvent, Func<ChatAction, bool>? carriesReply, CancellationToken ct)
    {
        var receipt = await store.AcceptAsync(chatEvent, processor, carriesReply, ct).ConfigureAwait(false);
        if (receipt.Acceptance == InboxAcceptance.Queued)
        {
            signals.Inbox.Poke();
        }

        return receipt;
    }
}
