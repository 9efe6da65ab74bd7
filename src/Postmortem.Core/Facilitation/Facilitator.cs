using System.Collections.Immutable;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Core.Facilitation;

/// <summary>
/// The conversation contract (DESIGN §1): given a channel's state and one event, decides the new state, the
/// timeline changes and the actions. Pure: no I/O, time only from the event and the <see cref="TimeProvider"/>.
/// </summary>
public sealed class Facilitator(TimeProvider time)
{
    private readonly CommandHandler _commands = new(time);

    public Decision Decide(ChannelState state, ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(chatEvent);

        var decision = new DecisionBuilder(chatEvent, state.Session);
        switch (chatEvent)
        {
            case MessagePosted posted:
                OnPosted(state, decision, posted);
                break;
            case MessageEdited edited:
                OnEdited(state, decision, edited);
                break;
            case MessageDeleted deleted:
                // Recorded even for a message not collected (yet): its post may arrive late, or come again from a retry or a backfill.
                if (!state.Timeline.WasDeleted(deleted.MessageId))
                {
                    decision.Change(TimelineChange.Remove(deleted.MessageId));
                }

                break;
            case ReactionAdded added:
                OnReaction(state, decision, added.MessageId, added.User, added.Kind, added: true);
                break;
            case ReactionRemoved removed:
                OnReaction(state, decision, removed.MessageId, removed.User, removed.Kind, added: false);
                break;
            case CommandInvoked command:
                Learn(decision, command.User, command.MentionNames);
                _commands.Handle(state, decision, command);
                break;
            case ButtonPressed button:
                Learn(decision, button.User, null);
                ActionItemConversation.OnButton(state, decision, button, _commands);
                break;
            case BotMessageDelivered delivered:
                OnDelivered(decision, delivered);
                break;
            case BotJoined:
                decision.Post(Replies.Welcome());
                break;
        }

        return decision.Build();
    }

    private static void OnPosted(ChannelState state, DecisionBuilder decision, MessagePosted posted)
    {
        if (posted.Author.IsSelf)
        {
            return;
        }

        if (state.Timeline.Find(posted.MessageId) is null && !state.Timeline.WasDeleted(posted.MessageId))
        {
            decision.Change(TimelineChange.Upsert(new TimelineMessage
            {
                MessageId = posted.MessageId,
                ThreadId = posted.ThreadId,
                Author = posted.Author,
                Text = posted.Text,
                PostedAt = posted.OccurredAt,
                Link = posted.Link,
                HasFile = posted.HasFile,
            }));
        }
        else
        {
            // Already collected (backfill and live delivery overlap, or a retry): the stored copy has any edits applied.
            // Or deleted since: it stays deleted.
            return;
        }

        Learn(decision, posted.Author, posted.MentionNames);
        if (decision.Session is null || posted.Author.IsBot || posted.AddressesBot || posted.ThreadId is null || posted.ThreadId == posted.MessageId)
        {
            return;
        }

        ThreadReplies.Handle(decision, posted);
    }

    private static void OnEdited(ChannelState state, DecisionBuilder decision, MessageEdited edited)
    {
        var existing = state.Timeline.Find(edited.MessageId);
        if (existing is not null && existing.Text != edited.NewText)
        {
            decision.Change(TimelineChange.Upsert(existing with { Text = edited.NewText, EditedAt = edited.OccurredAt }));
        }

        Learn(decision, null, edited.MentionNames);
        if (decision.Session is not null)
        {
            WhyConversation.OnEdit(decision, edited, existing?.HasFile ?? false);
        }
    }

    private static void OnReaction(ChannelState state, DecisionBuilder decision, string messageId, ChatUser user, ReactionKind kind, bool added)
    {
        if (user.IsSelf)
        {
            return;
        }

        if (kind == ReactionKind.Highlight)
        {
            var message = state.Timeline.Find(messageId);
            if (message is not null && message.Highlighted != added)
            {
                decision.Change(TimelineChange.Upsert(message with { Highlighted = added }));
            }

            return;
        }

        if (decision.Session is null || user.IsBot || kind is not (ReactionKind.Confirm or ReactionKind.Decline))
        {
            return;
        }

        Learn(decision, user, null);
        var session = decision.OpenSession;
        if (kind == ReactionKind.Confirm && session.BotPosts.TryGetValue(session.SummaryKey, out var summaryId) && summaryId == messageId)
        {
            decision.Session = AccuracyReview.Apply(session, user.Id, added, decision.Event.OccurredAt);
            return;
        }

        ActionItemConversation.OnReaction(decision, messageId, user, kind, added);
    }

    private static void OnDelivered(DecisionBuilder decision, BotMessageDelivered delivered)
    {
        if (decision.Session is not { } session)
        {
            return;
        }

        session = session with { BotPosts = session.BotPosts.SetItem(delivered.ActionKey, delivered.MessageId) };
        session = session with
        {
            Chains = session.Chains.Select(c => c.RootKey == delivered.ActionKey ? c with { ThreadId = delivered.MessageId } : c).ToImmutableList(),
            Items = session.Items.Select(i => i.MessageKey == delivered.ActionKey ? i with { MessageId = delivered.MessageId } : i).ToImmutableList(),
        };
        decision.Session = session;
    }

    /// <summary>A real name for the id: adapters that know no name pass the id itself, which must not replace a known one.</summary>
    private static bool IsName(string id, string? name, System.Collections.Immutable.ImmutableDictionary<string, string> people) =>
        !string.IsNullOrEmpty(name) && (name != id || !people.ContainsKey(id));

    private static void Learn(DecisionBuilder decision, ChatUser? user, IReadOnlyDictionary<string, string>? mentionNames)
    {
        if (decision.Session is not { } session)
        {
            return;
        }

        var people = session.People;
        if (user is not null && !user.IsSelf && IsName(user.Id, user.DisplayName, people))
        {
            people = people.SetItem(user.Id, user.DisplayName);
        }

        if (mentionNames is not null)
        {
            foreach (var (id, name) in mentionNames)
            {
                if (IsName(id, name, people))
                {
                    people = people.SetItem(id, name);
                }
            }
        }

        if (people != session.People)
        {
            decision.Session = session with { People = people };
        }
    }
}
