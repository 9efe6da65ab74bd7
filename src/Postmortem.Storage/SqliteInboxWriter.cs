using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>
/// Group commit for inbox inserts. Concurrent callers queue their row; one loop writes everything queued so far in
/// one transaction and completes each caller only after that commit, so an acknowledged event is always durable.
/// Duplicates are reported per row, also when the same event id appears twice in one batch.
/// </summary>
internal sealed class SqliteInboxWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private const string InsertSql = """
        INSERT INTO inbox (platform, tenant, event_id, channel, json, received_at)
        VALUES ($platform, $tenant, $eventId, $channel, $json, $now)
        ON CONFLICT (platform, tenant, event_id) DO NOTHING;
        """;

    private readonly Channel<InboxRow> _queue = Channel.CreateUnbounded<InboxRow>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly SqliteWriteConnection _writes;
    private readonly SemaphoreSlim _writeGate;
    private readonly Lock _startLock = new();
    private Task? _loop;

    public SqliteInboxWriter(SqliteWriteConnection writes, SemaphoreSlim writeGate)
    {
        _writes = writes;
        _writeGate = writeGate;
    }

    /// <summary>Queues the row; the task ends after the commit that holds it: true when stored, false for a repeated id.</summary>
    public Task<bool> AddAsync(InboxRow row, CancellationToken ct)
    {
        EnsureStarted();
        if (!_queue.Writer.TryWrite(row))
        {
            throw new ObjectDisposedException(nameof(SqliteInboxWriter));
        }

        return ct.CanBeCanceled ? row.Completion.Task.WaitAsync(ct) : row.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private void EnsureStarted()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<InboxRow>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>Writes the batch in one transaction; if that fails, each row on its own so one bad row fails alone.</summary>
    private async Task WriteAsync(List<InboxRow> batch)
    {
        bool[] added;
        try
        {
            added = await WriteTransactionAsync(batch).ConfigureAwait(false);
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var row in batch)
            {
                await WriteAsync([row]).ConfigureAwait(false);
            }

            return;
        }
        catch (Exception e)
        {
            batch[0].Completion.TrySetException(e);
            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(added[i]);
        }
    }

    private async Task<bool[]> WriteTransactionAsync(List<InboxRow> batch)
    {
        var added = new bool[batch.Count];
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var transaction = await _writes.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                var insert = _writes.Command(transaction, InsertSql);
                var platform = insert.Parameters.Add("$platform", SqliteType.Text);
                var tenant = insert.Parameters.Add("$tenant", SqliteType.Text);
                var eventId = insert.Parameters.Add("$eventId", SqliteType.Text);
                var channel = insert.Parameters.Add("$channel", SqliteType.Text);
                var json = insert.Parameters.Add("$json", SqliteType.Text);
                var now = insert.Parameters.Add("$now", SqliteType.Integer);
                for (var i = 0; i < batch.Count; i++)
                {
                    var row = batch[i];
                    platform.Value = row.Platform;
                    tenant.Value = row.Tenant;
                    eventId.Value = row.EventId;
                    channel.Value = row.Channel;
                    json.Value = row.Json;
                    now.Value = row.ReceivedAt;
                    added[i] = insert.ExecuteNonQuery() == 1;
                }

                transaction.Commit();
            }
            catch
            {
                await _writes.ResetAsync().ConfigureAwait(false);
                throw;
            }

            return added;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
