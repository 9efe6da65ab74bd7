using System.Collections.Concurrent;
using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Slack.BlockKit;
using Postmortem.Slack.Inbound;

namespace Postmortem.Slack.Tests.Inbound;

/// <summary>A test inbox: keeps each event once by id; can be told to fail.</summary>
internal sealed class InMemorySlackEventSink : ISlackEventSink
{
    private readonly ConcurrentDictionary<string, ChatEvent> _stored = new(StringComparer.Ordinal);
    private int _attempts;

    public bool Fail { get; set; }

    /// <summary>Events with these ids fail to store.</summary>
    public HashSet<string> FailingEventIds { get; } = new(StringComparer.Ordinal);

    public int Attempts => _attempts;

    /// <summary>What a newly stored slash command is answered with (when <see cref="SlackCommandReply.TryRender"/> allows it).</summary>
    public Func<CommandInvoked, ChatAction?> Answer { get; set; } = _ => null;

    public IReadOnlyCollection<ChatEvent> Stored => _stored.Values.ToList();

    public Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        Interlocked.Increment(ref _attempts);
        if (Fail || FailingEventIds.Contains(chatEvent.EventId))
        {
            throw new InvalidOperationException("inbox unavailable");
        }

        return Task.FromResult(_stored.TryAdd(chatEvent.EventId, chatEvent));
    }

    public async Task<SlackBlockMessage?> AcceptSlashCommandAsync(CommandInvoked command, CancellationToken ct)
    {
        if (!await AcceptAsync(command, ct))
        {
            return null;
        }

        return Answer(command) is { } answer && SlackCommandReply.TryRender(command, answer, out var message) ? message : null;
    }
}
