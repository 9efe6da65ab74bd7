using Postmortem.Core.Actions;
using Postmortem.Core.Events;

namespace Postmortem.Storage;

/// <summary>One inbox insert waiting in <see cref="SqliteInboxWriter"/> for its group commit; decided there when a decider is given.</summary>
/// <param name="CarriesReply">Picks the action the caller answers with itself, if the row is decided at once.</param>
internal sealed record InboxRow(ChatEvent Event, long ReceivedAt, IInboxDecider? Decider, Func<ChatAction, bool>? CarriesReply = null)
{
    public TaskCompletionSource<InboxReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
