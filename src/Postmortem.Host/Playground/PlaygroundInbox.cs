using Postmortem.Core.Events;
using Postmortem.Host.Processing;
using Postmortem.Storage;

namespace Postmortem.Host.Playground;

/// <summary>How playground requests reach the bot: the event goes into the inbox and the processor is woken.</summary>
internal sealed class PlaygroundInbox(IPostmortemStore store, ProcessingSignals signals, PlaygroundChannel channel, TimeProvider time)
{
    public PlaygroundChannel Channel => channel;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IResult> AcceptAsync(string messageId, ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        await store.TryAddToInboxAsync(chatEvent, cancellationToken).ConfigureAwait(false);
        signals.Inbox.Poke();
        return Results.Accepted(value: new PlaygroundAccepted(messageId, chatEvent.EventId));
    }
}
