namespace Postmortem.Storage;

/// <summary>One inbox insert waiting in <see cref="SqliteInboxWriter"/> for its group commit.</summary>
internal sealed record InboxRow(string Platform, string Tenant, string EventId, string Channel, string Json, long ReceivedAt)
{
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
