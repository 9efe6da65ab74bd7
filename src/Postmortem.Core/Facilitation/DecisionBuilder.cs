using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Facilitation;

/// <summary>Collects what one event changes: the session, timeline changes and actions with stable keys.</summary>
internal sealed class DecisionBuilder(ChatEvent chatEvent, PostmortemSession? session)
{
    private readonly List<TimelineChange> _changes = [];
    private readonly List<ChatAction> _actions = [];
    private int _nextKey;

    public ChatEvent Event { get; } = chatEvent;

    public PostmortemSession? Session { get; set; } = session;

    /// <summary>The session, for handlers that only run when one is open.</summary>
    public PostmortemSession OpenSession => Session ?? throw new InvalidOperationException("No open session.");

    public void Change(TimelineChange change) => _changes.Add(change);

    /// <summary>A key derived from the event, so deciding the same event again gives the same keys.</summary>
    public string NextKey() => $"evt:{Event.EventId}:{_nextKey++}";

    public void Post(MessageContent content, string? key = null, string? threadKey = null, string? threadId = null) =>
        _actions.Add(new PostMessage
        {
            Key = key ?? NextKey(),
            Channel = Event.Channel,
            Content = content,
            ThreadKey = threadKey,
            ThreadId = threadId,
        });

    public void Ephemeral(string userId, MessageContent content, string? threadId = null) =>
        _actions.Add(new PostEphemeral
        {
            Key = NextKey(),
            Channel = Event.Channel,
            UserId = userId,
            Content = content,
            ThreadId = threadId,
        });

    public void Add(ChatAction action) => _actions.Add(action);

    public Decision Build() => new(Session, _changes, _actions);
}
