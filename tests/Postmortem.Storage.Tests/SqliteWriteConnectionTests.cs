using Microsoft.Data.Sqlite;

namespace Postmortem.Storage.Tests;

public sealed class SqliteWriteConnectionTests : IDisposable
{
    private const string Insert = "INSERT INTO t (a, b) VALUES ($a, $b);";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pm-write-{Guid.NewGuid():N}.db");
    private readonly SqliteWriteConnection _writes;

    public SqliteWriteConnectionTests()
    {
        _writes = new SqliteWriteConnection(() =>
        {
            var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
            connection.Open();
            return connection;
        });
        using var transaction = _writes.Begin();
        _writes.Command(transaction, "CREATE TABLE t (a TEXT NOT NULL, b TEXT NULL);").ExecuteNonQuery();
        transaction.Commit();
    }

    [Fact]
    public void A_reused_command_keeps_its_parameter_objects_and_takes_the_new_values()
    {
        using var transaction = _writes.Begin();
        var first = _writes.Command(transaction, Insert);
        first.Set("$a", "one");
        first.Set("$b", DBNull.Value);
        first.ExecuteNonQuery();
        var parameters = first.Parameters.Cast<SqliteParameter>().ToList();

        var second = _writes.Command(transaction, Insert);
        second.Set("$a", "two");
        second.Set("$b", "x");
        second.ExecuteNonQuery();

        Assert.Same(first, second);
        Assert.Equal(parameters, second.Parameters.Cast<SqliteParameter>());
        Assert.Equal(2L, _writes.Command(transaction, "SELECT COUNT(*) FROM t WHERE a IN ('one', 'two');").ExecuteScalar());
    }

    [Fact]
    public void A_parameter_not_set_again_is_refused_rather_than_bound_to_its_old_value()
    {
        using var transaction = _writes.Begin();
        var first = _writes.Command(transaction, Insert);
        first.Set("$a", "one");
        first.Set("$b", "stale");
        first.ExecuteNonQuery();

        var second = _writes.Command(transaction, Insert);
        second.Set("$a", "two");

        Assert.Throws<InvalidOperationException>(() => second.ExecuteNonQuery());
        Assert.Equal(0L, _writes.Command(transaction, "SELECT COUNT(*) FROM t WHERE a = 'two';").ExecuteScalar());
    }

    [Fact]
    public void A_committed_row_is_seen_by_another_connection_and_a_rolled_back_one_is_not()
    {
        using (var committed = _writes.Begin())
        {
            InsertRow(committed, "kept");
            committed.Commit();
        }

        using (var rolledBack = _writes.Begin())
        {
            InsertRow(rolledBack, "rolled back");
            rolledBack.Rollback();
        }

        using (var abandoned = _writes.Begin())
        {
            InsertRow(abandoned, "disposed unfinished");
        }

        Assert.Equal(["kept"], ReadAOnAnotherConnection());
    }

    [Fact]
    public void Commit_after_SQLite_rolled_the_transaction_back_by_itself_fails_instead_of_reporting_success()
    {
        var transaction = _writes.Begin();
        InsertRow(transaction, "lost");
        // What SQLite does by itself after some errors (a full disk, an I/O error): the transaction is gone.
        _writes.Command(transaction, "ROLLBACK;").ExecuteNonQuery();

        var error = Assert.Throws<InvalidOperationException>(transaction.Commit);

        Assert.Contains("rolled the write transaction back", error.Message, StringComparison.Ordinal);
        transaction.Dispose();
        Assert.Empty(ReadAOnAnotherConnection());
        using var next = _writes.Begin();
        InsertRow(next, "next");
        next.Commit();
        Assert.Equal(["next"], ReadAOnAnotherConnection());
    }

    [Fact]
    public void A_second_transaction_is_refused_while_one_is_open_and_a_finished_one_takes_no_commands()
    {
        var first = _writes.Begin();

        Assert.Throws<InvalidOperationException>(() => _writes.Begin());
        first.Commit();
        Assert.Throws<InvalidOperationException>(() => _writes.Command(first, Insert));
        Assert.Throws<InvalidOperationException>(first.Commit);
        using var second = _writes.Begin();
        Assert.Throws<InvalidOperationException>(() => _writes.Command(first, Insert));
    }

    [Fact]
    public void Reset_ends_the_open_transaction_without_committing_it_and_the_next_one_starts_on_a_new_connection()
    {
        var transaction = _writes.Begin();
        InsertRow(transaction, "never committed");

        _writes.Reset();
        transaction.Dispose();

        Assert.True(transaction.IsCompleted);
        Assert.Empty(ReadAOnAnotherConnection());
        using var next = _writes.Begin();
        InsertRow(next, "after reset");
        next.Commit();
        Assert.Equal(["after reset"], ReadAOnAnotherConnection());
    }

    private void InsertRow(SqliteWriteTransaction transaction, string a)
    {
        var insert = _writes.Command(transaction, Insert);
        insert.Set("$a", a);
        insert.Set("$b", DBNull.Value);
        insert.ExecuteNonQuery();
    }

    private List<string> ReadAOnAnotherConnection()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT a FROM t ORDER BY rowid;";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public void Dispose()
    {
        _writes.Dispose();
        File.Delete(_path);
    }
}
