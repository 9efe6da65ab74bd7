using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Tests.Facilitation;

/// <summary>
/// A hand-written test channel: feeds events to the real facilitator, applies its decisions, and plays the
/// dispatcher's part by reporting a message id for every bot post.
/// </summary>
internal sealed class Conversation
{
    public static readonly ChatUser Alice = new("U_ALICE", "alice");
    public static readonly ChatUser Bob = new("U_BOB", "bob");
    public static readonly ChatUser Carol = new("U_CAROL", "carol");
    public static readonly ChatUser Alerts = new("B_ALERTS", "PagerDuty", IsBot: true);
    public static readonly ChatUser Self = new("B_SELF", "Postmortem", IsBot: true, IsSelf: true);

    private int _sequence;

    public Conversation(DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));
        Facilitator = new Facilitator(Time);
    }

    public FakeTimeProvider Time { get; }

    public Facilitator Facilitator { get; }

    public ChannelRef Channel { get; } = new("test", "T1", "C_INC", "inc-checkout");

    public ChannelTimeline Timeline { get; } = new();

    public PostmortemSession? Session { get; private set; }

    public PostmortemSession OpenSession => Session ?? throw new InvalidOperationException("no session");

    public List<ChatAction> Actions { get; } = [];

    /// <summary>Bot posts by action key → the message id the "platform" gave them.</summary>
    public Dictionary<string, string> Delivered { get; } = [];

    /// <summary>Actions of the last event only.</summary>
    public IReadOnlyList<ChatAction> Last { get; private set; } = [];

    public Decision Send(ChatEvent chatEvent)
    {
        var decision = Facilitator.Decide(new ChannelState(Session, Timeline), chatEvent);
        Session = decision.Session;
        Timeline.Apply(decision.TimelineChanges);
        Actions.AddRange(decision.Actions);
        Last = decision.Actions;
        foreach (var action in decision.Actions)
        {
            if (action is PostMessage post)
            {
                var id = $"BOT{++_sequence}";
                Delivered[post.Key] = id;
                var delivered = Facilitator.Decide(new ChannelState(Session, Timeline), new BotMessageDelivered
                {
                    EventId = $"delivered-{id}",
                    Channel = Channel,
                    OccurredAt = Time.GetUtcNow(),
                    ActionKey = post.Key,
                    MessageId = id,
                });
                Session = delivered.Session;
            }
        }

        Time.Advance(TimeSpan.FromMinutes(1));
        return decision;
    }

    public string Say(ChatUser user, string text, string? threadId = null, bool hasFile = false, Dictionary<string, string>? mentions = null, bool addressesBot = false)
    {
        var id = $"M{++_sequence}";
        Send(Posted($"ev-{id}", id, user, text, threadId) with { HasFile = hasFile, MentionNames = mentions, AddressesBot = addressesBot });
        return id;
    }

    /// <summary>
    /// A message that mentions the bot (<c>@Postmortem …</c>), as its command: <paramref name="text"/> is what follows
    /// the mention. Returns the message id (<paramref name="messageId"/> when the message was already posted).
    /// </summary>
    public string Address(ChatUser user, string text, string? threadId = null, string? messageId = null, bool hasFile = false)
    {
        var id = messageId ?? $"M{++_sequence}";
        Send(Invoked(user, text, mentions: null) with { ThreadId = threadId, MessageId = id, HasFile = hasFile });
        return id;
    }

    /// <summary>Delivers a post of a given message id (again, or late) under a new event id, as a retry or a backfill does.</summary>
    public Decision Deliver(ChatUser user, string messageId, string text, string? threadId = null, bool addressesBot = false, bool hasFile = false) =>
        Send(Posted($"ev-again-{++_sequence}", messageId, user, text, threadId) with { AddressesBot = addressesBot, HasFile = hasFile });

    public Decision Command(ChatUser user, string text, Dictionary<string, string>? mentions = null) =>
        Send(Invoked(user, text, mentions));

    public Decision Edit(string messageId, string text) =>
        Send(new MessageEdited { EventId = $"ev-edit-{++_sequence}", Channel = Channel, OccurredAt = Time.GetUtcNow(), MessageId = messageId, NewText = text });

    public Decision Delete(string messageId) =>
        Send(new MessageDeleted { EventId = $"ev-del-{++_sequence}", Channel = Channel, OccurredAt = Time.GetUtcNow(), MessageId = messageId });

    public Decision React(ChatUser user, string messageId, ReactionKind kind) =>
        Send(new ReactionAdded { EventId = $"ev-react-{++_sequence}", Channel = Channel, OccurredAt = Time.GetUtcNow(), MessageId = messageId, User = user, Kind = kind });

    public Decision Unreact(ChatUser user, string messageId, ReactionKind kind) =>
        Send(new ReactionRemoved { EventId = $"ev-unreact-{++_sequence}", Channel = Channel, OccurredAt = Time.GetUtcNow(), MessageId = messageId, User = user, Kind = kind });

    public Decision Press(ChatUser user, string actionId, string value) =>
        Send(new ButtonPressed { EventId = $"ev-button-{++_sequence}", Channel = Channel, OccurredAt = Time.GetUtcNow(), User = user, ActionId = actionId, Value = value });

    private CommandInvoked Invoked(ChatUser user, string text, Dictionary<string, string>? mentions) =>
        new()
        {
            EventId = $"ev-cmd-{++_sequence}",
            Channel = Channel,
            OccurredAt = Time.GetUtcNow(),
            User = user,
            Text = text,
            MentionNames = mentions,
        };

    private MessagePosted Posted(string eventId, string messageId, ChatUser user, string text, string? threadId) =>
        new()
        {
            EventId = eventId,
            Channel = Channel,
            OccurredAt = Time.GetUtcNow(),
            MessageId = messageId,
            ThreadId = threadId,
            Author = user,
            Text = text,
        };

    /// <summary>The thread id of chain <paramref name="number"/> (its root post's message id).</summary>
    public string ThreadOf(int number) => OpenSession.Chains[number - 1].ThreadId ?? throw new InvalidOperationException("chain root not delivered");

    /// <summary>Texts of every message and ephemeral the last event produced.</summary>
    public IReadOnlyList<string> LastTexts => Last.Select(TextOf).OfType<string>().ToList();

    public static string? TextOf(ChatAction action) => action switch
    {
        PostMessage p => p.Content.Text,
        PostEphemeral e => e.Content.Text,
        UpdateMessage u => u.Content.Text,
        _ => null,
    };

    public static string Mention(ChatUser user) => $"<@{user.Id}>";
}
