using Postmortem.Core.Events;

namespace Postmortem.Storage;

/// <summary>One inbox insert waiting in <see cref="SqliteInboxWriter"/> for its group commit; decided there when a decider is given.</summary>
internal sealed record InboxRow(ChatEvent Event, long ReceivedAt, IInboxDecider? Decider)
{
    public TaskCompletionSource<InboxAcceptance> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
