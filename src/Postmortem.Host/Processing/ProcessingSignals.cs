namespace Postmortem.Host.Processing;

/// <summary>The two pipeline loops' signals, and a way to wait until both are quiet.</summary>
public sealed class ProcessingSignals
{
    /// <summary>Poked when an event was added to the inbox.</summary>
    public ProcessingSignal Inbox { get; } = new();

    /// <summary>Poked when actions were added to the outbox.</summary>
    public ProcessingSignal Outbox { get; } = new();

    /// <summary>
    /// Completes when the inbox processor and the outbox dispatcher have both finished a pass with nothing new
    /// arriving in between: every event received so far is decided and every due action is sent (or backing off).
    /// </summary>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var inbox = Inbox.Poke();
            var outbox = Outbox.Poke();
            await Inbox.WhenCompletedAsync(inbox, cancellationToken).ConfigureAwait(false);
            await Outbox.WhenCompletedAsync(outbox, cancellationToken).ConfigureAwait(false);
            if (Inbox.Version == inbox && Outbox.Version == outbox)
            {
                return;
            }
        }
    }
}
