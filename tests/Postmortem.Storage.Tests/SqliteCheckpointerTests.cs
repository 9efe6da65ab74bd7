using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Postmortem.Storage.Tests;

/// <summary>The background WAL checkpoint, on a real SQLite file: the database file alone holds what was committed.</summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pm-checkpoint-tests", Guid.NewGuid().ToString("N"));
    private SqliteConnection _writer = null!;
    private SqliteCheckpointer _checkpointer = null!;

    private string DatabasePath => Path.Combine(_folder, "wal.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _writer = Open();
        await ExecuteAsync(_writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT);");
        await ExecuteAsync(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        _checkpointer = new SqliteCheckpointer(Open, new SemaphoreSlim(1, 1), new FakeTimeProvider(), TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        await _checkpointer.DisposeAsync();
        await _writer.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Committed_rows_reach_the_database_file_at_the_next_checkpoint()
    {
        await ExecuteAsync(_writer, "INSERT INTO t VALUES ('a'), ('b');");
        _checkpointer.Committed();
        Assert.Equal(0, await RowsInDatabaseFileAloneAsync());

        Assert.True(await _checkpointer.CheckpointIfWrittenAsync(CancellationToken.None));

        Assert.Equal(2, await RowsInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task Nothing_is_checkpointed_when_nothing_was_committed_since_the_last_time()
    {
        await ExecuteAsync(_writer, "INSERT INTO t VALUES ('a');");
        _checkpointer.Committed();
        Assert.True(await _checkpointer.CheckpointIfWrittenAsync(CancellationToken.None));

        Assert.False(await _checkpointer.CheckpointIfWrittenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task After_a_checkpoint_new_commits_start_the_wal_over_instead_of_growing_it()
    {
        await InsertRowsAsync(200);
        _checkpointer.Committed();
        await _checkpointer.CheckpointIfWrittenAsync(CancellationToken.None);
        var walBytes = new FileInfo(DatabasePath + "-wal").Length;

        await InsertRowsAsync(50);

        Assert.Equal(walBytes, new FileInfo(DatabasePath + "-wal").Length);
    }

    [Fact]
    public async Task The_background_loop_stops_when_idle_and_the_next_commit_starts_it_again()
    {
        await using var checkpointer = new SqliteCheckpointer(
            Open, new SemaphoreSlim(1, 1), TimeProvider.System, TimeSpan.FromMilliseconds(1));
        Assert.False(checkpointer.IsRunning);

        await ExecuteAsync(_writer, "INSERT INTO t VALUES ('a');");
        checkpointer.Committed();
        Assert.True(checkpointer.IsRunning);
        await WaitUntilAsync(() => !checkpointer.IsRunning);
        Assert.Equal(1, await RowsInDatabaseFileAloneAsync());

        await ExecuteAsync(_writer, "INSERT INTO t VALUES ('b');");
        checkpointer.Committed();
        Assert.True(checkpointer.IsRunning);
        await WaitUntilAsync(() => !checkpointer.IsRunning);
        Assert.Equal(2, await RowsInDatabaseFileAloneAsync());
    }

    [Fact]
    public async Task Checkpoints_come_less_often_while_requests_queue_up_for_each_commit()
    {
        var quiet = TimeSpan.FromMilliseconds(10);
        var busy = TimeSpan.FromMilliseconds(100);
        await using var checkpointer = new SqliteCheckpointer(Open, new SemaphoreSlim(1, 1), new FakeTimeProvider(), quiet, busy);

        checkpointer.Committed(rows: 8);
        checkpointer.Committed(rows: 6);
        Assert.Equal(busy, checkpointer.NextInterval());

        checkpointer.Committed();
        checkpointer.Committed();
        checkpointer.Committed(rows: 2);
        Assert.Equal(quiet, checkpointer.NextInterval());

        Assert.Equal(quiet, checkpointer.NextInterval());
    }

    /// <summary>Waits for a condition (not for a time): fails only if it still does not hold after a long while.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, giveUp.Token);
        }
    }

    private async Task InsertRowsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await ExecuteAsync(_writer, $"INSERT INTO t VALUES ('{new string('x', 500)}{i}');");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Rows of <c>t</c> in a copy of the database file without its WAL: only what was checkpointed.</summary>
    private async Task<long> RowsInDatabaseFileAloneAsync()
    {
        var copy = Path.Combine(_folder, $"copy-{Guid.NewGuid():N}.db");
        File.Copy(DatabasePath, copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM t;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
