using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class ActionItemTests
{
    private static readonly string ValidItem =
        $"Add an expiry alert for the checkout-api certificate {Mention(Bob)} by 2026-12-04 done when the alert fires in staging for a cert with 13 days left";

    private static Conversation Started()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Certificate expired");
        return chat;
    }

    private static (Conversation Chat, string ItemMessage) WithItem()
    {
        var chat = Started();
        chat.Command(Carol, "action " + ValidItem);
        return (chat, chat.Delivered[chat.OpenSession.Items[0].MessageKey]);
    }

    [Fact]
    public void A_complete_item_is_recorded_and_posted_as_its_own_message()
    {
        var chat = Started();

        chat.Command(Carol, "action " + ValidItem);

        var item = Assert.Single(chat.OpenSession.Items);
        Assert.Equal(1, item.Number);
        Assert.Equal(Bob.Id, item.OwnerId);
        Assert.Equal(new DateOnly(2026, 12, 4), item.Due);
        Assert.Equal(ActionItemStatus.Proposed, item.Status);
        var post = Assert.IsType<PostMessage>(Assert.Single(chat.Last));
        Assert.StartsWith("Action item #1:", post.Content.Text);
        Assert.Contains("2026-12-04 (Fri)", post.Content.Text);
        Assert.Null(post.ThreadKey);
        Assert.Equal(item.MessageKey, post.Key);
        Assert.Equal([ButtonIds.ConfirmItem, ButtonIds.DeclineItem], post.Content.Buttons.Select(b => b.ActionId));
        Assert.NotNull(chat.OpenSession.Items[0].MessageId);
    }

    [Fact]
    public void An_incomplete_item_is_refused_naming_what_is_missing_and_nothing_is_stored()
    {
        var chat = Started();

        chat.Command(Carol, "action be more careful");

        Assert.Empty(chat.OpenSession.Items);
        var refusal = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.StartsWith("Action item not recorded:", refusal.Content.Text);
        Assert.Contains("owner", refusal.Content.Text);
        Assert.Contains("due date", refusal.Content.Text);
        Assert.Contains("done when", refusal.Content.Text);
        Assert.Equal(Carol.Id, refusal.UserId);
    }

    [Fact]
    public void A_thread_reply_starting_action_proposes_an_item()
    {
        var chat = Started();

        chat.Say(Carol, "action: " + ValidItem, threadId: chat.ThreadOf(1));

        Assert.Single(chat.OpenSession.Items);
        Assert.StartsWith("Action item #1:", Assert.Single(chat.LastTexts));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void A_refused_thread_reply_is_answered_in_the_thread()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Say(Carol, "action: investigate", threadId: thread);

        var refusal = Assert.IsType<PostMessage>(Assert.Single(chat.Last));
        Assert.StartsWith("Action item not recorded:", refusal.Content.Text);
        Assert.Equal(thread, refusal.ThreadId);
    }

    [Fact]
    public void The_owner_confirms_with_a_check_mark()
    {
        var (chat, message) = WithItem();

        chat.React(Bob, message, ReactionKind.Confirm);

        var item = chat.OpenSession.Items[0];
        Assert.Equal(ActionItemStatus.Confirmed, item.Status);
        Assert.Equal(Bob.Id, item.DecidedBy);
        var update = Assert.IsType<UpdateMessage>(Assert.Single(chat.Last));
        Assert.Equal(item.MessageKey, update.TargetKey);
        Assert.Contains("confirmed", update.Content.Text);
    }

    [Fact]
    public void Whoever_started_the_postmortem_may_confirm_too()
    {
        var (chat, message) = WithItem();

        chat.React(Alice, message, ReactionKind.Confirm);

        Assert.Equal(ActionItemStatus.Confirmed, chat.OpenSession.Items[0].Status);
    }

    [Fact]
    public void The_owner_declines_with_a_cross()
    {
        var (chat, message) = WithItem();

        chat.React(Bob, message, ReactionKind.Decline);

        Assert.Equal(ActionItemStatus.Rejected, chat.OpenSession.Items[0].Status);
    }

    [Fact]
    public void Removing_the_reaction_undoes_it()
    {
        var (chat, message) = WithItem();
        chat.React(Bob, message, ReactionKind.Confirm);

        chat.Unreact(Bob, message, ReactionKind.Confirm);

        Assert.Equal(ActionItemStatus.Proposed, chat.OpenSession.Items[0].Status);
    }

    [Fact]
    public void Anyone_elses_reaction_changes_nothing()
    {
        var (chat, message) = WithItem();

        chat.React(Carol, message, ReactionKind.Confirm);
        chat.React(Carol, message, ReactionKind.Decline);

        Assert.Equal(ActionItemStatus.Proposed, chat.OpenSession.Items[0].Status);
        Assert.Empty(chat.Last);
    }

    [Fact]
    public void Other_reactions_on_the_item_change_nothing()
    {
        var (chat, message) = WithItem();

        chat.React(Bob, message, ReactionKind.Other);

        Assert.Equal(ActionItemStatus.Proposed, chat.OpenSession.Items[0].Status);
    }

    [Fact]
    public void The_confirm_button_works_like_the_reaction()
    {
        var (chat, _) = WithItem();

        chat.Press(Bob, ButtonIds.ConfirmItem, "1");

        Assert.Equal(ActionItemStatus.Confirmed, chat.OpenSession.Items[0].Status);
    }

    [Fact]
    public void Someone_elses_button_press_is_told_who_may_decide()
    {
        var (chat, _) = WithItem();

        chat.Press(Carol, ButtonIds.DeclineItem, "1");

        Assert.Equal(ActionItemStatus.Proposed, chat.OpenSession.Items[0].Status);
        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Contains(Mention(Bob), reply.Content.Text);
    }

    [Fact]
    public void Items_are_numbered_in_order()
    {
        var (chat, _) = WithItem();

        chat.Command(Alice, "action Make the renewal job page on failure " + Mention(Carol) + " by 2026-12-11 done when a failed renewal in staging pages the on-call");

        Assert.Equal([1, 2], chat.OpenSession.Items.Select(i => i.Number));
        Assert.StartsWith("Action item #2:", Assert.Single(chat.LastTexts));
    }
}
