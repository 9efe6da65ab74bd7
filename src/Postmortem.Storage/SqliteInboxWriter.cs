using System.Collections.Concurrent;

namespace Postmortem.Storage;

/// <summary>
/// Group commit for inbox inserts without a hand-off. The first caller that finds nobody writing becomes the writer:
/// it commits everything queued so far in one batch, on its own thread, and is answered without a thread switch.
/// Callers that arrive meanwhile queue their row and are answered by the batch that holds it. When the writer's own
/// row is done and more rows are waiting, a background task takes over, so no caller writes for others for long.
/// Before taking a batch the writer yields its core a couple of times: requests being read and parsed on other threads
/// then queue in time for this commit instead of each starting one of their own (without it, 80 % of commits held a
/// single row under 32 connections; with it a commit holds about 8, and the WAL takes half the bytes per event). With
/// one connection there is seldom anything else to run, and the yields cost nothing measurable there (see the session 4
/// notes in bench/slack-ack/README.md, which also list the conditional variants that batched less).
/// </summary>
internal sealed class SqliteInboxWriter
{
    private const int MaxBatch = 512;
    private const int YieldsBeforeBatch = 2;

    private readonly ConcurrentQueue<InboxRow> _queue = new();

    /// <summary>The batch being written, reused by whoever holds the writer's turn (there is one at a time).</summary>
    private readonly List<InboxRow> _batch = [];
    private readonly Func<List<InboxRow>, Task> _writeBatch;
    private int _writing;
    private volatile bool _closed;

    /// <param name="writeBatch">Commits the rows in one transaction and completes each row's <see cref="InboxRow.Completion"/>.</param>
    public SqliteInboxWriter(Func<List<InboxRow>, Task> writeBatch)
    {
        _writeBatch = writeBatch;
    }

    /// <summary>
    /// Queues the row; the task ends after the commit that holds it. <paramref name="ct"/> is only checked before the
    /// row is queued: once queued it is committed either way, and the wait (a few milliseconds) ends with that commit.
    /// </summary>
    public async Task<InboxReceipt> AddAsync(InboxRow row, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        ct.ThrowIfCancellationRequested();
        _queue.Enqueue(row);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            await WriteQueuedAsync(row).ConfigureAwait(false);
        }

        return await row.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Stops taking rows and waits until every queued row is written.</summary>
    public async Task CloseAsync()
    {
        _closed = true;
        while (!_queue.IsEmpty || Volatile.Read(ref _writing) == 1)
        {
            if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                await WriteQueuedAsync(own: null).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs while this caller holds the writer's turn (<c>_writing == 1</c>); gives it up or passes it on.</summary>
    private async Task WriteQueuedAsync(InboxRow? own)
    {
        var batch = _batch;
        while (true)
        {
            for (var i = 0; i < YieldsBeforeBatch; i++)
            {
                Thread.Yield();
            }

            while (batch.Count < MaxBatch && _queue.TryDequeue(out var row))
            {
                batch.Add(row);
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }

            if (_queue.IsEmpty)
            {
                Volatile.Write(ref _writing, 0);
                // A row queued between the check and the release would wait for the next caller: take it now.
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                {
                    return;
                }
            }
            else if (own is { Completion.Task.IsCompleted: true })
            {
                _ = Task.Run(() => WriteQueuedAsync(own: null));
                return;
            }
        }
    }

    private async Task WriteAsync(List<InboxRow> batch)
    {
        try
        {
            await _writeBatch(batch).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            foreach (var row in batch)
            {
                row.Completion.TrySetException(e);
            }
        }
    }
}
