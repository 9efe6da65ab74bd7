using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>
/// Copies committed WAL pages into the database file in the background, so that no commit on a request path pays
/// for a checkpoint (SQLite's own automatic checkpoint runs inside the commit that crosses its threshold, with two
/// fsyncs). Once per interval after any write, a PASSIVE checkpoint, which blocks nobody, copies what was committed:
/// a short interval while each commit holds about one request, a longer one while requests queue up for each commit
/// (see <see cref="NextInterval"/>). The loop ends at the first tick with nothing new; the next commit starts it again.
/// When writes never pause, the WAL cannot start over (SQLite rewinds it only once every page is copied), so when it
/// has grown past <see cref="RewindPages"/> a second pass runs under the store's write gate and copies the few pages
/// committed meanwhile; the next commit then overwrites the WAL from its beginning instead of extending the file.
/// SQLite's automatic checkpoint stays on, at a much higher threshold, in case this one falls behind.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>The write connection's automatic checkpoint threshold in pages (4 KiB each), the backstop.</summary>
    public const int BackstopPages = 32_000;

    /// <summary>WAL size in pages (4 KiB each) from which a pass under the write gate lets the WAL start over.</summary>
    public const int RewindPages = 8_192;

    /// <summary>Rows per commit, on average since the last tick, from which requests count as queuing up for commits.</summary>
    public const int BusyRowsPerCommit = 2;

    private readonly Func<SqliteConnection> _open;
    private readonly SemaphoreSlim _writeGate;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _busyInterval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _startLock = new();
    private Task? _loop;
    private SqliteConnection? _connection;
    private int _dirty;
    private long _commitsSinceTick;
    private long _rowsSinceTick;
    private bool _disposed;

    /// <param name="writeGate">Held by every in-process write transaction; held here only for the short second pass.</param>
    /// <param name="interval">Between passes while each commit holds about one request's rows.</param>
    /// <param name="busyInterval">
    /// Between passes while requests queue up for each commit (group commit batches them): the machine is then busy,
    /// and fewer, larger passes cost less CPU per request. Short passes are for the quiet case: each one disturbs the
    /// requests beside it less. Defaults to <paramref name="interval"/>.
    /// </param>
    public SqliteCheckpointer(
        Func<SqliteConnection> open, SemaphoreSlim writeGate, TimeProvider time, TimeSpan interval, TimeSpan? busyInterval = null)
    {
        _open = open;
        _writeGate = writeGate;
        _time = time;
        _interval = interval;
        _busyInterval = busyInterval ?? interval;
    }

    /// <summary>Says a transaction of <paramref name="rows"/> requests' rows was committed; the next tick checkpoints it.</summary>
    public void Committed(int rows = 1)
    {
        Interlocked.Increment(ref _commitsSinceTick);
        Interlocked.Add(ref _rowsSinceTick, rows);
        // Only the first commit after a tick takes the lock: the tick is what sets _dirty back to 0.
        if (Interlocked.Exchange(ref _dirty, 1) == 0)
        {
            lock (_startLock)
            {
                if (_loop is null && !_disposed)
                {
                    _loop = Task.Run(RunAsync);
                }
            }
        }
    }

    /// <summary>True while the background loop runs: from a commit until a tick finds nothing new to copy.</summary>
    internal bool IsRunning
    {
        get
        {
            lock (_startLock)
            {
                return _loop is not null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_startLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _connection?.Dispose();
        _connection = null;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(_interval, _time);
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (!await CheckpointIfWrittenAsync(_stop.Token).ConfigureAwait(false) && Retire())
                {
                    return;
                }

                var next = NextInterval();
                if (timer.Period != next)
                {
                    timer.Period = next;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// The wait before the next pass: the busy interval when the commits since the last tick held
    /// <see cref="BusyRowsPerCommit"/> or more rows each on average, else the interval.
    /// </summary>
    internal TimeSpan NextInterval()
    {
        var commits = Interlocked.Exchange(ref _commitsSinceTick, 0);
        var rows = Interlocked.Exchange(ref _rowsSinceTick, 0);
        return commits > 0 && rows >= BusyRowsPerCommit * commits ? _busyInterval : _interval;
    }

    /// <summary>
    /// Ends the loop after a tick that found nothing committed, so that an idle bot's clock does not wake it 100 times
    /// a second; the next commit starts the loop again. False when a commit came in meanwhile.
    /// </summary>
    private bool Retire()
    {
        lock (_startLock)
        {
            if (Volatile.Read(ref _dirty) == 1)
            {
                return false;
            }

            _loop = null;
            return true;
        }
    }

    /// <summary>One tick: the two checkpoints when something was committed since the last tick. False when nothing was due.</summary>
    internal async Task<bool> CheckpointIfWrittenAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _dirty, 0) == 0)
        {
            return false;
        }

        try
        {
            _connection ??= _open();
            var (walPages, copied) = Checkpoint(_connection);
            if (walPages >= RewindPages)
            {
                await _writeGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    (walPages, copied) = Checkpoint(_connection);
                }
                finally
                {
                    _writeGate.Release();
                }
            }

            if (copied < walPages)
            {
                // Committed meanwhile, or a reader still needs older pages: copied on the next tick.
                Volatile.Write(ref _dirty, 1);
            }
        }
        catch (SqliteException)
        {
            // Busy, or the file went away: try again on the next tick; the backstop still holds the WAL in check.
            _connection?.Dispose();
            _connection = null;
            Volatile.Write(ref _dirty, 1);
        }

        return true;
    }

    /// <summary>A PASSIVE checkpoint: the pages in the WAL, and how many of them are now in the database file.</summary>
    private static (long WalPages, long Copied) Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        // (busy, pages in the WAL, pages checkpointed)
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }
}
