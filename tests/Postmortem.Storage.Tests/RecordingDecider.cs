using Postmortem.Core.Facilitation;
using static Postmortem.Storage.Tests.TestData;

namespace Postmortem.Storage.Tests;

/// <summary>An <see cref="IInboxDecider"/> that records what it was asked and answers with <see cref="Verdict"/>.</summary>
internal sealed class RecordingDecider : IInboxDecider
{
    /// <summary>The answer for an item and the channel state the store loaded for it; by default a session titled after the event.</summary>
    public Func<InboxItem, ChannelSnapshot, InboxVerdict> Verdict { get; set; } =
        (item, _) => InboxVerdict.Decided(new Decision(Session(title: item.Event.EventId), [], []));

    public List<InboxItem> Decided { get; } = [];

    /// <summary>When set, each decision first looks this message up; what it found (its text, or null) is in <see cref="Found"/>.</summary>
    public string? LookUp { get; set; }

    public List<string?> Found { get; } = [];

    public int Forgotten { get; private set; }

    public int Commits { get; private set; }

    public InboxVerdict Decide(InboxItem item, IChannelReader channels)
    {
        Decided.Add(item);
        var channel = item.Event.Channel;
        if (LookUp is { } messageId)
        {
            Found.Add(channels.FindMessage(channel, messageId)?.Text);
        }

        return Verdict(item, new ChannelSnapshot(channels.OpenSession(channel), channels.Messages(channel)));
    }

    public void Forget() => Forgotten++;

    /// <summary>For each commit, whether it put actions into the outbox.</summary>
    public List<bool> QueuedActions { get; } = [];

    public void Committed(bool queuedActions)
    {
        Commits++;
        QueuedActions.Add(queuedActions);
    }
}
