using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>
/// The one long-lived connection the store's in-process writes use, with each statement prepared once and reused.
/// Not thread-safe: only used under the store's write gate. After a failed write, <see cref="Reset"/> starts over.
/// </summary>
internal sealed class SqliteWriteConnection(Func<SqliteConnection> open) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;

    /// <summary>Opens the connection on first use and begins a write transaction.</summary>
    public SqliteTransaction Begin()
    {
        _connection ??= open();
        return _connection.BeginTransaction();
    }

    /// <summary>
    /// The prepared command for <paramref name="sql"/> in <paramref name="transaction"/>, its parameters unset: set
    /// them with <see cref="SqliteCommandParameters.Set"/> (which reuses the parameter objects of the last execution).
    /// </summary>
    public SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var connection = _connection ?? throw new InvalidOperationException("No write transaction is open.");
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            // Unset, not removed: the caller sets each again (see SqliteCommandParameters), and one it forgets is refused.
            parameters[i].Value = null;
        }

        return command;
    }

    /// <summary>Drops the commands and the connection (after an error, so no half-state is reused).</summary>
    public void Reset()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        if (_connection is { } connection)
        {
            _connection = null;
            connection.Dispose();
        }
    }

    public void Dispose() => Reset();
}
