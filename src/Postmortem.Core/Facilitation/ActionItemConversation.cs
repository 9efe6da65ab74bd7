using System.Globalization;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Language;

namespace Postmortem.Core.Facilitation;

/// <summary>Proposing action items, and confirming or declining them by reaction or button.</summary>
internal static class ActionItemConversation
{
    public static bool IsActionReply(string text) =>
        text.TrimStart().StartsWith("action:", StringComparison.OrdinalIgnoreCase);

    public static string StripActionPrefix(string text) => text.TrimStart()["action:".Length..].Trim();

    /// <summary>Validates and records a proposed item; a refusal names every missing part and stores nothing.</summary>
    /// <param name="threadId">Where a refusal goes when the item came as a thread reply; null means a command (ephemeral).</param>
    public static void Propose(DecisionBuilder decision, ChatUser proposer, string text, string? threadId)
    {
        var session = decision.OpenSession;
        var today = DateOnly.FromDateTime(decision.Event.OccurredAt.UtcDateTime);
        var parsed = ActionItemParser.Parse(text, today);
        if (!parsed.IsAccepted)
        {
            var refusal = Replies.ItemRefused(parsed.Problems);
            if (threadId is null)
            {
                decision.Ephemeral(proposer.Id, refusal);
            }
            else
            {
                decision.Post(refusal, threadId: threadId);
            }

            return;
        }

        var number = session.Items.Count + 1;
        var item = new ActionItem
        {
            Number = number,
            Change = parsed.Draft.Change!,
            OwnerId = parsed.Draft.OwnerIds[0],
            Due = parsed.Draft.Due!.Value,
            DoneWhen = parsed.Draft.DoneWhen!,
            ProposedBy = proposer.Id,
            ProposedAt = decision.Event.OccurredAt,
            MessageKey = $"{session.Id}:item:{number}",
        };
        decision.Session = session with { Items = session.Items.Add(item) };
        decision.Post(Replies.Item(item), key: item.MessageKey);
    }

    public static void OnReaction(DecisionBuilder decision, string messageId, ChatUser user, ReactionKind kind, bool added)
    {
        var item = decision.OpenSession.Items.Find(i => i.MessageId == messageId);
        if (item is null || !MayDecide(decision, item, user.Id))
        {
            return;
        }

        var target = kind == ReactionKind.Confirm ? ActionItemStatus.Confirmed : ActionItemStatus.Rejected;
        if (added)
        {
            Decide(decision, item, target, user.Id);
        }
        else if (item.Status == target && item.DecidedBy == user.Id)
        {
            Decide(decision, item, ActionItemStatus.Proposed, null);
        }
    }

    public static void OnButton(ChannelState state, DecisionBuilder decision, ButtonPressed button, CommandHandler commands)
    {
        if (decision.Session is null)
        {
            decision.Ephemeral(button.User.Id, Replies.NoSession());
            return;
        }

        switch (button.ActionId)
        {
            case ButtonIds.Render:
                commands.Render(state, decision);
                return;
            case ButtonIds.ConfirmItem or ButtonIds.DeclineItem:
                break;
            default:
                return;
        }

        var item = int.TryParse(button.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? decision.OpenSession.Items.Find(i => i.Number == number)
            : null;
        if (item is null)
        {
            decision.Ephemeral(button.User.Id, new MessageContent("That action item no longer exists."));
            return;
        }

        if (!MayDecide(decision, item, button.User.Id))
        {
            decision.Ephemeral(button.User.Id, new MessageContent(
                $"Only the owner {Mention.Of(item.OwnerId)} or whoever started this postmortem can confirm or decline action item #{item.Number}."));
            return;
        }

        var target = button.ActionId == ButtonIds.ConfirmItem ? ActionItemStatus.Confirmed : ActionItemStatus.Rejected;
        Decide(decision, item, target, button.User.Id);
    }

    private static bool MayDecide(DecisionBuilder decision, ActionItem item, string userId) =>
        userId == item.OwnerId || userId == decision.OpenSession.StartedBy;

    private static void Decide(DecisionBuilder decision, ActionItem item, ActionItemStatus status, string? by)
    {
        if (item.Status == status)
        {
            return;
        }

        var session = decision.OpenSession;
        var updated = item with { Status = status, DecidedBy = by };
        decision.Session = session with { Items = session.Items.Replace(item, updated) };
        decision.Add(new UpdateMessage
        {
            Key = decision.NextKey(),
            Channel = decision.Event.Channel,
            TargetKey = item.MessageKey,
            Content = Replies.Item(updated),
        });
    }
}
