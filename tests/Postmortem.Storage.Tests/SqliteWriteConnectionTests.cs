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

    public void Dispose()
    {
        _writes.Dispose();
        File.Delete(_path);
    }
}
