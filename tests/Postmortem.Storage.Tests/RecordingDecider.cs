using Postmortem.Core.Chat;
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

    public int Forgotten { get; private set; }

    public int Commits { get; private set; }

    public InboxVerdict Decide(InboxItem item, Func<ChannelRef, ChannelSnapshot> loadChannel)
    {
        Decided.Add(item);
        return Verdict(item, loadChannel(item.Event.Channel));
    }

    public void Forget() => Forgotten++;

    public void Committed() => Commits++;
}
