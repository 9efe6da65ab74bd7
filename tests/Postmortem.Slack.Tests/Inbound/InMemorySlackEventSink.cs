using System.Collections.Concurrent;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;

namespace Postmortem.Slack.Tests.Inbound;

/// <summary>A test inbox: keeps each event once by id; can be told to fail.</summary>
internal sealed class InMemorySlackEventSink : ISlackEventSink
{
    private readonly ConcurrentDictionary<string, ChatEvent> _stored = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<ChatEvent> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fail { get; set; }

    /// <summary>Events with these ids fail to store.</summary>
    public HashSet<string> FailingEventIds { get; } = new(StringComparer.Ordinal);

    public int Attempts => _attempts;

    private int _attempts;

    public IReadOnlyCollection<ChatEvent> Stored => _stored.Values.ToList();

    /// <summary>Completes with the first stored event.</summary>
    public Task<ChatEvent> FirstStored => _first.Task;

    public Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        Interlocked.Increment(ref _attempts);
        if (Fail || FailingEventIds.Contains(chatEvent.EventId))
        {
            throw new InvalidOperationException("inbox unavailable");
        }

        var added = _stored.TryAdd(chatEvent.EventId, chatEvent);
        if (added)
        {
            _first.TrySetResult(chatEvent);
        }

        return Task.FromResult(added);
    }
}
