namespace Postmortem.Storage;

/// <summary>
/// A <c>BEGIN IMMEDIATE</c> transaction on the <see cref="SqliteWriteConnection"/>, begun, committed and rolled back
/// by statements prepared once. Microsoft.Data.Sqlite's own <c>SqliteTransaction</c> prepares <c>BEGIN</c> and
/// <c>COMMIT</c> anew every time and registers a rollback hook whose native handle it leaves to the finalizer: one
/// finalizable object per transaction, which each young-generation collection then had to keep alive and queue: at
/// one request at a time, that made every such collection about two thirds longer (bench/slack-ack/README.md, session 6).
/// Instead of that hook, <see cref="Commit"/> asks SQLite whether the transaction is still open: SQLite rolls a
/// transaction back by itself after some errors (a full disk, an I/O error), and committing then must fail, not
/// report success for writes that are gone.
/// </summary>
internal sealed class SqliteWriteTransaction : IDisposable
{
    private readonly SqliteWriteConnection _writes;

    internal SqliteWriteTransaction(SqliteWriteConnection writes)
    {
        _writes = writes;
    }

    /// <summary>Committed, rolled back, or ended with its connection (<see cref="SqliteWriteConnection.Reset"/>).</summary>
    public bool IsCompleted { get; private set; }

    /// <exception cref="InvalidOperationException">The transaction is over, or SQLite already rolled it back after an error.</exception>
    public void Commit() => End(commit: true);

    public void Rollback() => End(commit: false);

    /// <summary>Rolls back what is neither committed nor rolled back yet.</summary>
    public void Dispose()
    {
        if (!IsCompleted)
        {
            Rollback();
        }
    }

    /// <summary>Called by the connection when it is closed: closing it rolled the transaction back.</summary>
    internal void Abandon() => IsCompleted = true;

    private void End(bool commit)
    {
        if (IsCompleted)
        {
            throw new InvalidOperationException("The write transaction has already been committed or rolled back.");
        }

        IsCompleted = true;
        _writes.End(commit);
    }
}
