using System.Collections.Concurrent;
using Postmortem.Core.Events;
using Postmortem.Teams.Inbound;

namespace Postmortem.Teams.Tests.Inbound;

/// <summary>An inbox stand-in: stores each event id once, like the Host's inbox.</summary>
internal sealed class RecordingTeamsSink : ITeamsEventSink
{
    private readonly ConcurrentDictionary<string, ChatEvent> stored = new();
    private readonly ConcurrentQueue<ChatEvent> order = new();

    public IReadOnlyList<ChatEvent> Stored => [.. order];

    private int offered;

    public int Offered => Volatile.Read(ref offered);

    public Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        Interlocked.Increment(ref offered);
        if (!stored.TryAdd(chatEvent.EventId, chatEvent))
        {
            return Task.FromResult(false);
        }

        order.Enqueue(chatEvent);
        return Task.FromResult(true);
    }
}
