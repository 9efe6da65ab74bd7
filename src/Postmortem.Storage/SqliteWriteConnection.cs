using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>
/// The one long-lived connection the store's in-process writes use, with each statement prepared once and reused,
/// transactions included (<see cref="SqliteWriteTransaction"/>). Not thread-safe: only used under the store's write
/// gate. After a failed write, <see cref="Reset"/> starts over.
/// </summary>
internal sealed class SqliteWriteConnection(Func<SqliteConnection> open) : IDisposable
{
    private const string BeginSql = "BEGIN IMMEDIATE;";
    private const string CommitSql = "COMMIT;";
    private const string RollbackSql = "ROLLBACK;";

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private SqliteWriteTransaction? _transaction;

    /// <summary>Whether SQLite has a transaction open on the connection (false after it rolled one back by itself).</summary>
    internal bool InTransaction => _connection is { } connection && InTransactionOn(connection);

    /// <summary>Opens the connection on first use and begins a write transaction.</summary>
    /// <exception cref="InvalidOperationException">The last transaction is still open.</exception>
    public SqliteWriteTransaction Begin()
    {
        if (_transaction is { IsCompleted: false })
        {
            throw new InvalidOperationException("A write transaction is already open on the write connection.");
        }

        _connection ??= open();
        Execute(BeginSql);
        _transaction = new SqliteWriteTransaction(this);
        return _transaction;
    }

    /// <summary>
    /// The prepared command for <paramref name="sql"/> in <paramref name="transaction"/>, its parameters unset: set
    /// them with <see cref="SqliteCommandParameters.Set"/> (which reuses the parameter objects of the last execution).
    /// </summary>
    public SqliteCommand Command(SqliteWriteTransaction transaction, string sql)
    {
        if (!ReferenceEquals(transaction, _transaction) || transaction.IsCompleted)
        {
            throw new InvalidOperationException("No such write transaction is open.");
        }

        var command = Prepared(sql);
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            // Unset, not removed: the caller sets each again (see SqliteCommandParameters), and one it forgets is refused.
            parameters[i].Value = null;
        }

        return command;
    }

    /// <summary>
    /// Drops the commands and the connection (after an error, so no half-state is reused), rolling back the transaction
    /// left open. The connection goes back to Microsoft.Data.Sqlite's pool, which knows nothing of a transaction begun
    /// by a statement: if it cannot be rolled back, the pooled handle is closed instead of being handed out mid-transaction.
    /// </summary>
    public void Reset()
    {
        var rolledBack = true;
        if (InTransaction)
        {
            // Also after a COMMIT that failed (a deferred constraint): SQLite then keeps the transaction open.
            try
            {
                Execute(RollbackSql);
            }
            catch (SqliteException)
            {
                rolledBack = false;
            }
        }

        _transaction?.Abandon();
        _transaction = null;
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        if (_connection is { } connection)
        {
            _connection = null;
            if (!rolledBack || InTransactionOn(connection))
            {
                SqliteConnection.ClearPool(connection);
            }

            connection.Dispose();
        }
    }

    public void Dispose() => Reset();

    /// <summary>
    /// Ends the open transaction for <see cref="SqliteWriteTransaction"/>. Committing what SQLite already rolled back by
    /// itself (after a full disk or an I/O error) fails instead of reporting success for writes that are gone.
    /// </summary>
    internal void End(bool commit)
    {
        if (commit && !InTransaction)
        {
            throw new InvalidOperationException("SQLite rolled the write transaction back after an error: nothing of it was committed.");
        }

        if (InTransaction)
        {
            Execute(commit ? CommitSql : RollbackSql);
        }
    }

    private void Execute(string sql) => Prepared(sql).ExecuteNonQuery();

    private static bool InTransactionOn(SqliteConnection connection) =>
        connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0;

    private SqliteCommand Prepared(string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("The write connection is not open.");
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }
}
