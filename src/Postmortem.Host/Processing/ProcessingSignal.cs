namespace Postmortem.Host.Processing;

/// <summary>
/// Wakes a background loop when there is new work, and lets callers wait until the loop has finished a pass
/// that started after their poke (how tests and the playground know the pipeline is quiet).
/// </summary>
public sealed class ProcessingSignal
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly List<(long Version, TaskCompletionSource Done)> _waiters = [];
    private long _version;
    private long _completed;
    private bool _wakePending;

    /// <summary>The number of pokes so far.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Asks the loop for another pass; returns the version that pass will cover.</summary>
    public long Poke()
    {
        lock (_gate)
        {
            _version++;
            if (!_wakePending)
            {
                _wakePending = true;
                _wake.Release();
            }

            return _version;
        }
    }

    /// <summary>
    /// The loop of a background worker: runs <paramref name="pass"/>, marks the version it covered completed, then
    /// sleeps until the next poke or <paramref name="pollInterval"/>. A failed pass is reported and tried again on
    /// the next wake-up; the loop ends when <paramref name="stoppingToken"/> is cancelled.
    /// </summary>
    public async Task RunAsync(
        Func<CancellationToken, Task> pass, Action<Exception> onFailure, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var version = Version;
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
                MarkCompleted(version);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onFailure(ex);
            }

            try
            {
                await WaitAsync(pollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits for a poke or until <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _wake.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            lock (_gate)
            {
                _wakePending = false;
            }
        }
    }

    /// <summary>Called by the loop after a pass that started when <see cref="Version"/> was <paramref name="version"/>.</summary>
    public void MarkCompleted(long version)
    {
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _completed = Math.Max(_completed, version);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Version <= _completed)
                {
                    done.Add(_waiters[i].Done);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>Completes once a pass covering <paramref name="version"/> has finished.</summary>
    public Task WhenCompletedAsync(long version, CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_completed >= version)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((version, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }
}
