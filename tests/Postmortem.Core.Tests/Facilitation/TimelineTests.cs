using Postmortem.Core.Events;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class TimelineTests
{
    [Fact]
    public void Messages_before_start_are_kept_for_a_late_start()
    {
        var chat = new Conversation();
        chat.Say(Bob, "checkout is throwing 500s");
        chat.Say(Alerts, "[FIRING] HighErrorRate checkout-api");

        chat.Command(Alice, "start Checkout errors");

        Assert.Equal(2, chat.Timeline.Count);
        Assert.Contains("2 messages so far", Conversation.TextOf(chat.Last[0]));
    }

    [Fact]
    public void Thread_replies_edits_and_deletes_update_the_timeline()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        var root = chat.Say(Bob, "db primary is at 100% cpu");
        var reply = chat.Say(Carol, "confirmed, slow queries piling up", threadId: root);
        var doomed = chat.Say(Carol, "wrong channel, sorry");

        chat.Edit(root, "db primary is at 100% CPU since 13:52");
        chat.Delete(doomed);

        Assert.Equal(2, chat.Timeline.Count);
        var edited = chat.Timeline.Find(root)!;
        Assert.Equal("db primary is at 100% CPU since 13:52", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.True(chat.Timeline.Find(reply)!.IsReply);
        Assert.Null(chat.Timeline.Find(doomed));
    }

    [Fact]
    public void Deleted_message_stays_deleted_when_its_post_is_delivered_again()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        var secret = chat.Say(Bob, "the replica password is hunter2");
        chat.Delete(secret);

        var again = chat.Deliver(Bob, secret, "the replica password is hunter2");

        Assert.Empty(again.TimelineChanges);
        Assert.Empty(again.Actions);
        Assert.Null(chat.Timeline.Find(secret));
        Assert.True(chat.Timeline.WasDeleted(secret));
    }

    [Fact]
    public void Deletion_that_arrives_before_its_post_keeps_the_late_post_out()
    {
        var chat = new Conversation();

        var deletion = chat.Delete("M-late");
        var late = chat.Deliver(Bob, "M-late", "pasted the wrong log, sorry");

        Assert.Single(deletion.TimelineChanges);
        Assert.Empty(late.TimelineChanges);
        Assert.Equal(0, chat.Timeline.Count);
    }

    [Fact]
    public void Post_delivered_again_changes_nothing_and_keeps_its_edit()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        var root = chat.Say(Bob, "db at 100% cpu");
        chat.Edit(root, "db at 100% cpu since 13:52");

        var again = chat.Deliver(Bob, root, "db at 100% cpu");

        Assert.Empty(again.TimelineChanges);
        Assert.Empty(again.Actions);
        Assert.Equal("db at 100% cpu since 13:52", chat.Timeline.Find(root)!.Text);
    }

    [Fact]
    public void The_bots_own_messages_are_not_collected()
    {
        var chat = new Conversation();

        chat.Say(Self, "Why 1: why did it happen?");

        Assert.Equal(0, chat.Timeline.Count);
    }

    [Fact]
    public void Alert_bot_messages_are_kept_and_marked_as_alerts()
    {
        var chat = new Conversation();

        var id = chat.Say(Alerts, "[FIRING] HighErrorRate checkout-api");

        Assert.True(chat.Timeline.Find(id)!.IsAlert);
    }

    [Fact]
    public void A_pushpin_highlights_a_message_and_removing_it_takes_that_back()
    {
        var chat = new Conversation();
        var id = chat.Say(Bob, "rolled back to v41");

        chat.React(Carol, id, ReactionKind.Highlight);
        Assert.True(chat.Timeline.Find(id)!.Highlighted);

        chat.Unreact(Carol, id, ReactionKind.Highlight);
        Assert.False(chat.Timeline.Find(id)!.Highlighted);
    }

    [Fact]
    public void A_message_delivered_twice_is_collected_once_and_keeps_its_edit()
    {
        var chat = new Conversation();
        var id = chat.Say(Bob, "first words");
        chat.Edit(id, "better words");
        var replay = new MessagePosted
        {
            EventId = "backfill-copy",
            Channel = chat.Channel,
            OccurredAt = chat.Time.GetUtcNow(),
            MessageId = id,
            Author = Bob,
            Text = "first words",
        };

        var decision = chat.Send(replay);

        Assert.Empty(decision.TimelineChanges);
        Assert.Equal("better words", chat.Timeline.Find(id)!.Text);
    }

    [Fact]
    public void Every_message_keeps_the_platforms_timestamp()
    {
        var chat = new Conversation();
        var posted = new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero);

        chat.Send(new MessagePosted
        {
            EventId = "old",
            Channel = chat.Channel,
            OccurredAt = posted,
            MessageId = "M-old",
            Author = Bob,
            Text = "from history",
        });

        Assert.Equal(posted, chat.Timeline.Find("M-old")!.PostedAt);
    }
}
