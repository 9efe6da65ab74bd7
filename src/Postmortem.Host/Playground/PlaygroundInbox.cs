using Postmortem.Core.Events;
using Postmortem.Host.Processing;

namespace Postmortem.Host.Playground;

/// <summary>How playground requests reach the bot: the event goes into the inbox, like a chat platform's.</summary>
internal sealed class PlaygroundInbox(EventIntake intake, PlaygroundChannel channel, TimeProvider time)
{
    public PlaygroundChannel Channel => channel;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<IResult> AcceptAsync(string messageId, ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        await intake.AcceptAsync(chatEvent, cancellationToken).ConfigureAwait(false);
        return Results.Accepted(value: new PlaygroundAccepted(messageId, chatEvent.EventId));
    }
}
