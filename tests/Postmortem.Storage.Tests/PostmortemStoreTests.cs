using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using static Postmortem.Storage.Tests.TestData;

namespace Postmortem.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IPostmortemStore"/> back end must have. A back end's test class derives from this
/// and says how to make a store over one fresh database (and a second store over the same one, for "restarts").
/// </summary>
public abstract class PostmortemStoreTests : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IPostmortemStore Store { get; private set; } = null!;

    /// <summary>A new store instance over this test's database (calling it again simulates a restart).</summary>
    protected abstract IPostmortemStore CreateStore();

    public virtual async Task InitializeAsync()
    {
        Store = CreateStore();
        await Store.MigrateAsync(Ct);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Migrating_again_keeps_the_store_ready_and_its_data()
    {
        await Store.TryAddToInboxAsync(Message("e1"), Ct);

        await Store.MigrateAsync(Ct);
        await CreateStore().MigrateAsync(Ct);

        Assert.True(await Store.CanConnectAsync(Ct));
        Assert.Single(await Store.PendingInboxAsync(10, Ct));
    }

    [Fact]
    public async Task Replayed_event_is_stored_once()
    {
        Assert.True(await Store.TryAddToInboxAsync(Message("e1"), Ct));
        Assert.False(await Store.TryAddToInboxAsync(Message("e1", text: "a retry of the same delivery"), Ct));

        var pending = await Store.PendingInboxAsync(10, Ct);
        Assert.Equal("api is down", Assert.IsType<MessagePosted>(Assert.Single(pending).Event).Text);
    }

    [Fact]
    public async Task Same_event_id_in_another_tenant_or_platform_is_stored()
    {
        Assert.True(await Store.TryAddToInboxAsync(Message("e1"), Ct));
        Assert.True(await Store.TryAddToInboxAsync(Message("e1", Channel with { TenantId = "T2" }), Ct));
        Assert.True(await Store.TryAddToInboxAsync(Message("e1", Channel with { Platform = "teams" }), Ct));

        Assert.Equal(3, (await Store.PendingInboxAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task Pending_inbox_is_in_arrival_order_and_limited_to_max()
    {
        foreach (var id in new[] { "e3", "e1", "e2", "e5", "e4" })
        {
            await Store.TryAddToInboxAsync(Message(id), Ct);
            Time.Advance(TimeSpan.FromMilliseconds(5));
        }

        var pending = await Store.PendingInboxAsync(3, Ct);

        Assert.Equal(["e3", "e1", "e2"], pending.Select(i => i.Event.EventId));
        Assert.True(pending[0].Sequence < pending[1].Sequence && pending[1].Sequence < pending[2].Sequence);
        Assert.Equal(Start, pending[0].ReceivedAt);
        Assert.Equal(Start.AddMilliseconds(5), pending[1].ReceivedAt);
    }

    [Fact]
    public async Task Inbox_keeps_the_event_as_it_came()
    {
        var command = new CommandInvoked
        {
            EventId = "e1",
            Channel = Channel,
            OccurredAt = Start.AddSeconds(-2),
            User = Ana,
            Text = "start API outage sev:SEV2",
            MentionNames = new Dictionary<string, string> { ["U2"] = "Bo" },
            ThreadId = "t1",
        };
        await Store.TryAddToInboxAsync(command, Ct);

        var stored = Assert.IsType<CommandInvoked>(Assert.Single(await Store.PendingInboxAsync(1, Ct)).Event);

        Assert.Equal(command.Text, stored.Text);
        Assert.Equal(command.OccurredAt, stored.OccurredAt);
        Assert.Equal(command.Channel, stored.Channel);
        Assert.Equal(command.User, stored.User);
        Assert.Equal("Bo", stored.MentionNames!["U2"]);
        Assert.Equal("t1", stored.ThreadId);
    }

    [Fact]
    public async Task Commit_stores_session_timeline_and_outbox_and_marks_the_item_processed()
    {
        var item = await AddAsync(Message("e1"));
        var session = Session();

        await Store.CommitAsync(item, Decide(session, [TimelineChange.Upsert(Line("m1", Start))], Post("s1:kickoff"), Post("s1:chain:1")), Ct);

        Assert.Empty(await Store.PendingInboxAsync(10, Ct));
        var snapshot = await Store.LoadChannelAsync(Channel, Ct);
        Assert.Equal(session.Title, snapshot.Session!.Title);
        Assert.Equal("m1", Assert.Single(snapshot.Messages).MessageId);
        Assert.Equal(["s1:kickoff", "s1:chain:1"], (await DueAsync()).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task Commit_that_fails_midway_leaves_nothing_half_written()
    {
        var first = await AddAsync(Message("e1"));
        await Store.CommitAsync(first, Decide(Session(title: "Before"), [TimelineChange.Upsert(Line("m1", Start))]), Ct);
        var second = await AddAsync(Message("e2"));

        var broken = Decide(
            Session(title: "After"),
            [TimelineChange.Upsert(Line("m2", Start)), TimelineChange.Remove("m1")],
            Post("s1:ok"),
            new UnserializableAction { Key = "s1:broken", Channel = Channel });
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(second, broken, Ct));

        await AssertUnchangedAfterFailedCommitAsync(second);
    }

    [Fact]
    public async Task Commit_that_breaks_a_constraint_leaves_nothing_half_written()
    {
        var first = await AddAsync(Message("e1"));
        await Store.CommitAsync(first, Decide(Session(title: "Before"), [TimelineChange.Upsert(Line("m1", Start))]), Ct);
        var second = await AddAsync(Message("e2"));

        var broken = Decide(
            Session(title: "After"),
            [TimelineChange.Upsert(Line("m2", Start)), TimelineChange.Remove("m1")],
            Post("s1:ok"),
            Post(null!));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(second, broken, Ct));

        await AssertUnchangedAfterFailedCommitAsync(second);
    }

    [Fact]
    public async Task Accepted_event_is_stored_and_decided_in_one_commit()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Decided(Decide(Session(title: "Decided"), [TimelineChange.Upsert(Line("m1", Start))], Post("a1")));

        var outcome = await Store.AcceptAsync(Edit("e1"), decider, Ct);

        Assert.Equal(InboxAcceptance.Decided, outcome);
        Assert.Equal(1, decider.Commits);
        Assert.Empty(await Store.PendingInboxAsync(10, Ct));
        var snapshot = await CreateStore().LoadChannelAsync(Channel, Ct);
        Assert.Equal("Decided", snapshot.Session!.Title);
        Assert.Equal(["m1"], snapshot.Messages.Select(m => m.MessageId));
        Assert.Equal(["a1"], (await DueAsync()).Select(o => o.Action.Key));
        Assert.Equal(1, (await Store.CountAsync(Ct)).InboxByType["message_edited"]);
    }

    [Fact]
    public async Task Post_decided_as_it_arrives_is_kept_in_the_timeline_and_not_in_the_inbox()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (item, _) => InboxVerdict.Decided(Decide(null, [Collect(item)], Post("a1")));

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e1", messageId: "m1"), decider, Ct));

        Assert.Equal(["m1"], (await Store.LoadChannelAsync(Channel, Ct)).Messages.Select(m => m.MessageId));
        Assert.Equal(["a1"], (await DueAsync()).Select(o => o.Action.Key));
        var counts = await Store.CountAsync(Ct);
        Assert.False(counts.InboxByType.ContainsKey("message_posted"));
        Assert.Equal(1, counts.TimelineMessages);
        Assert.Equal(1, counts.PostedMessages);
    }

    [Fact]
    public async Task Post_of_a_message_already_in_the_timeline_is_a_duplicate_whatever_its_event_id()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (item, _) => InboxVerdict.Decided(Decide(null, [Collect(item)], Post($"a-{item.Event.EventId}")));

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e1", messageId: "m1"), decider, Ct));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e1", messageId: "m1", text: "a retry"), decider, Ct));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("backfill:m1", messageId: "m1"), decider, Ct));

        Assert.Single(decider.Decided);
        Assert.Equal(["a-e1"], (await DueAsync()).Select(o => o.Action.Key));
        Assert.Equal("api is down", Assert.Single((await Store.LoadChannelAsync(Channel, Ct)).Messages).Text);
    }

    [Fact]
    public async Task Post_of_a_deleted_message_is_a_duplicate_and_does_not_bring_it_back()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = CollectPostsAndOtherwise(TimelineChange.Remove("m1"));
        await Store.AcceptAsync(Message("e1", messageId: "m1", text: "the password is hunter2"), decider, Ct);
        await Store.AcceptAsync(Edit("e2", messageId: "m1"), decider, Ct);

        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e1-retry", messageId: "m1", text: "the password is hunter2"), decider, Ct));

        Assert.Equal(2, decider.Decided.Count);
        Assert.Empty((await Store.LoadChannelAsync(Channel, Ct)).Messages);
    }

    [Fact]
    public async Task Deletion_is_remembered_even_for_a_message_never_collected()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = CollectPostsAndOtherwise(TimelineChange.Remove("m1"));

        await Store.AcceptAsync(Edit("e1", messageId: "m1"), decider, Ct);

        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e2", messageId: "m1"), decider, Ct));
        Assert.Empty((await Store.LoadChannelAsync(Channel, Ct)).Messages);
    }

    [Fact]
    public async Task Post_that_waits_behind_older_events_keeps_its_inbox_row_until_decided()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = CollectPostsAndOtherwise();
        await AddAsync(Edit("e0"));

        Assert.Equal(InboxAcceptance.Queued, await Store.AcceptAsync(Message("e1", messageId: "m1"), decider, Ct));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e1", messageId: "m1"), decider, Ct));
        Assert.Equal(2, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Equal(0, await Store.DecidePendingAsync(decider, 10, Ct));

        Assert.Equal(["m1"], (await Store.LoadChannelAsync(Channel, Ct)).Messages.Select(m => m.MessageId));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e1", messageId: "m1"), decider, Ct));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Message("e1-other-id", messageId: "m1"), decider, Ct));
    }

    [Fact]
    public async Task Reply_the_caller_carries_is_returned_and_not_queued_in_the_outbox()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Decided(Decide(null, null, Post("a1"), Post("answer"), Post("a2")));

        var receipt = await Store.AcceptAsync(Message("e1"), decider, action => action.Key.StartsWith("answer", StringComparison.Ordinal), Ct);

        Assert.Equal(InboxAcceptance.Decided, receipt.Acceptance);
        Assert.Equal("answer", receipt.Reply?.Key);
        Assert.Equal(["a1", "a2"], (await DueAsync()).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task Decider_is_told_whether_its_commit_queued_anything_beside_the_carried_reply()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (item, _) => InboxVerdict.Decided(item.Event.EventId == "e1"
            ? Decide(null, null, Post("answer"))
            : Decide(null, null, Post("answer2"), Post("a2")));

        await Store.AcceptAsync(Message("e1"), decider, action => action.Key.StartsWith("answer", StringComparison.Ordinal), Ct);
        await Store.AcceptAsync(Message("e2"), decider, action => action.Key.StartsWith("answer", StringComparison.Ordinal), Ct);

        Assert.Equal([false, true], decider.QueuedActions);
        Assert.Equal(["a2"], (await DueAsync()).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task Reply_of_an_event_that_waits_behind_older_ones_goes_through_the_outbox()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Decided(Decide(null, null, Post("answer")));
        await AddAsync(Message("e0"));

        var receipt = await Store.AcceptAsync(Message("e1"), decider, _ => true, Ct);
        await Store.DecidePendingAsync(decider, 10, Ct);

        Assert.Equal(new InboxReceipt(InboxAcceptance.Queued), receipt);
        Assert.Equal(["answer"], (await DueAsync()).Select(o => o.Action.Key).Distinct());
    }

    [Fact]
    public async Task Accepted_event_waits_behind_undecided_ones_and_all_are_decided_in_arrival_order()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        await AddAsync(Message("e1"));

        Assert.Equal(InboxAcceptance.Queued, await Store.AcceptAsync(Message("e2"), decider, Ct));
        Assert.Empty(decider.Decided);

        Assert.Equal(2, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Equal(["e1", "e2"], decider.Decided.Select(i => i.Event.EventId));
        Assert.Equal(0, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e3"), decider, Ct));
        Assert.Equal("e3", (await Store.LoadChannelAsync(Channel, Ct)).Session!.Title);
    }

    [Fact]
    public async Task A_new_store_decides_nothing_on_arrival_until_the_backlog_is_checked()
    {
        var decider = new RecordingDecider();

        Assert.Equal(InboxAcceptance.Queued, await Store.AcceptAsync(Message("e1"), decider, Ct));

        Assert.Empty(decider.Decided);
        Assert.Single(await Store.PendingInboxAsync(10, Ct));
    }

    [Fact]
    public async Task Replayed_event_is_decided_once()
    {
        var decider = await DeciderWithEmptyBacklogAsync();

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Edit("e1"), decider, Ct));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Edit("e1", text: "a retry"), decider, Ct));

        Assert.Single(decider.Decided);
    }

    [Fact]
    public async Task Decider_sees_the_channel_as_committed_and_its_own_earlier_verdicts()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        var seen = new List<string?>();
        decider.Verdict = (item, snapshot) =>
        {
            seen.Add(snapshot.Session?.Title);
            return InboxVerdict.Decided(Decide(Session(title: item.Event.EventId)));
        };

        await Store.AcceptAsync(Message("e1"), decider, Ct);
        await Store.AcceptAsync(Message("e2"), decider, Ct);

        Assert.Equal([null, "e1"], seen);
    }

    [Fact]
    public async Task Decider_finds_a_message_that_an_earlier_item_of_the_same_transaction_wrote()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        await AddAsync(Message("e1"));
        await AddAsync(Message("e2"));
        await AddAsync(Message("e3"));
        decider.LookUp = "m1";
        decider.Verdict = (item, _) => InboxVerdict.Decided(item.Event.EventId switch
        {
            "e1" => Decide(Session(title: "e1"), [TimelineChange.Upsert(Line("m1", Start, text: "first"))]),
            "e2" => Decide(Session(title: "e2"), [TimelineChange.Upsert(Line("m1", Start, text: "edited"))]),
            _ => Decide(Session(title: "e3"), [TimelineChange.Remove("m1")]),
        });

        Assert.Equal(3, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Equal(0, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e4"), decider, Ct));

        Assert.Equal([null, "first", "edited", null], decider.Found);
    }

    [Fact]
    public async Task Concurrent_accepts_are_each_stored_once_and_decided_in_inbox_order()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        var ids = Enumerable.Range(1, 60).Select(i => $"e{i}").ToList();

        var outcomes = await Task.WhenAll(ids.Concat(ids.Take(10)).Select(id => Task.Run(() => Store.AcceptAsync(Edit(id), decider, Ct))));

        Assert.Equal(60, outcomes.Count(o => o == InboxAcceptance.Decided));
        Assert.Equal(10, outcomes.Count(o => o == InboxAcceptance.Duplicate));
        Assert.Equal(ids.Order(), decider.Decided.Select(i => i.Event.EventId).Order());
        Assert.Equal(decider.Decided.Select(i => i.Sequence).Order(), decider.Decided.Select(i => i.Sequence));
        Assert.Empty(await Store.PendingInboxAsync(100, Ct));
    }

    [Fact]
    public async Task Failed_verdict_keeps_the_event_with_its_error_and_it_is_not_decided_again()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Failed("boom");

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e1"), decider, Ct));

        Assert.Empty(await Store.PendingInboxAsync(10, Ct));
        Assert.Equal(0, await Store.DecidePendingAsync(decider, 10, Ct));
        Assert.Single(decider.Decided);
        Assert.Null((await Store.LoadChannelAsync(Channel, Ct)).Session);
    }

    [Fact]
    public async Task Decision_that_cannot_be_written_leaves_the_event_stored_undecided()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        await Store.AcceptAsync(Message("e1"), decider, Ct);
        decider.Verdict = (_, _) => InboxVerdict.Decided(
            Decide(Session(title: "Broken"), null, new UnserializableAction { Key = "s1:broken", Channel = Channel }));

        var outcome = await Store.AcceptAsync(Message("e2"), decider, Ct);

        Assert.Equal(InboxAcceptance.Queued, outcome);
        Assert.Equal(1, decider.Forgotten);
        Assert.Equal("e2", Assert.Single(await Store.PendingInboxAsync(10, Ct)).Event.EventId);
        Assert.Equal("e1", (await Store.LoadChannelAsync(Channel, Ct)).Session!.Title);
        Assert.Empty(await DueAsync());
    }

    [Fact]
    public async Task Deciding_pending_items_that_fails_commits_none_and_tells_the_decider_to_forget()
    {
        var decider = new RecordingDecider();
        await AddAsync(Message("e1"));
        await AddAsync(Message("e2"));
        decider.Verdict = (item, _) => item.Event.EventId == "e2"
            ? InboxVerdict.Decided(Decide(Session(title: "Broken"), null, new UnserializableAction { Key = "s1:broken", Channel = Channel }))
            : InboxVerdict.Decided(Decide(Session(title: "Fine"), null, Post("a1")));

        await Assert.ThrowsAnyAsync<Exception>(() => Store.DecidePendingAsync(decider, 10, Ct));

        Assert.Equal(1, decider.Forgotten);
        Assert.Equal(0, decider.Commits);
        Assert.Equal(["e1", "e2"], (await Store.PendingInboxAsync(10, Ct)).Select(i => i.Event.EventId));
        Assert.Null((await Store.LoadChannelAsync(Channel, Ct)).Session);
        Assert.Empty(await DueAsync());
        Assert.Equal(1, await Store.DecidePendingAsync(decider, 1, Ct));
    }

    [Fact]
    public async Task Decision_for_another_channels_session_marks_the_event_failed()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Decided(Decide(Session(channel: Channel with { ChannelId = "C2" })));

        await Store.AcceptAsync(Message("e1"), decider, Ct);

        Assert.Empty(await Store.PendingInboxAsync(10, Ct));
        Assert.Null((await Store.LoadChannelAsync(Channel, Ct)).Session);
        Assert.Null((await Store.LoadChannelAsync(Channel with { ChannelId = "C2" }, Ct)).Session);
    }

    [Fact]
    public async Task Committing_an_item_a_second_time_changes_nothing()
    {
        var item = await AddAsync(Message("e1"));
        await Store.CommitAsync(item, Decide(Session(title: "First"), null, Post("a1")), Ct);

        await Store.CommitAsync(item, Decide(Session(title: "Stale"), [TimelineChange.Upsert(Line("m9", Start))], Post("a2")), Ct);

        var snapshot = await Store.LoadChannelAsync(Channel, Ct);
        Assert.Equal("First", snapshot.Session!.Title);
        Assert.Empty(snapshot.Messages);
        Assert.Equal(["a1"], (await DueAsync()).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task Outbox_ignores_an_action_key_it_already_has_in_the_channel()
    {
        var first = await AddAsync(Message("e1"));
        var second = await AddAsync(Message("e2"));

        await Store.CommitAsync(first, Decide(Session(), null, Post("k1", text: "first"), Post("k1", text: "same decision, same key")), Ct);
        await Store.CommitAsync(second, Decide(Session(), null, Post("k1", text: "decided again"), Post("k2")), Ct);

        var due = await DueAsync();
        Assert.Equal(["k1", "k2"], due.Select(o => o.Action.Key));
        Assert.Equal("first", Assert.IsType<PostMessage>(due[0].Action).Content.Text);
    }

    [Fact]
    public async Task Timeline_changes_upsert_edit_and_remove_messages_kept_in_posting_order()
    {
        var item = await AddAsync(Message("e1"));
        await Store.CommitAsync(item, Decide(null,
        [
            TimelineChange.Upsert(Line("m2", Start.AddMinutes(2))),
            TimelineChange.Upsert(Line("m1", Start.AddMinutes(1))),
            TimelineChange.Upsert(Line("m3", Start.AddMinutes(3))),
        ]), Ct);

        var next = await AddAsync(Message("e2"));
        await Store.CommitAsync(next, Decide(null,
        [
            TimelineChange.Upsert(Line("m1", Start.AddMinutes(1), "api is down (edited)") with { EditedAt = Start.AddMinutes(9) }),
            TimelineChange.Remove("m3"),
        ]), Ct);

        var messages = (await Store.LoadChannelAsync(Channel, Ct)).Messages;
        Assert.Equal(["m1", "m2"], messages.Select(m => m.MessageId));
        Assert.Equal("api is down (edited)", messages[0].Text);
        Assert.Equal(Start.AddMinutes(9), messages[0].EditedAt);
        Assert.Equal(Ana, messages[0].Author);
    }

    [Fact]
    public async Task A_decision_without_a_session_closes_the_open_one_but_keeps_it_findable()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(Session("s1")), Ct);

        await Store.CommitAsync(await AddAsync(Message("e2")), Decide(null), Ct);

        Assert.Null((await Store.LoadChannelAsync(Channel, Ct)).Session);
        Assert.Equal("s1", (await Store.FindSessionAsync("s1", Ct))!.Id);
    }

    [Fact]
    public async Task A_new_session_replaces_the_open_one_in_its_channel()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(Session("s1", title: "Old")), Ct);

        await Store.CommitAsync(await AddAsync(Message("e2")), Decide(Session("s2", title: "New")), Ct);

        Assert.Equal("s2", (await Store.LoadChannelAsync(Channel, Ct)).Session!.Id);
        Assert.Equal("Old", (await Store.FindSessionAsync("s1", Ct))!.Title);
        Assert.Equal("New", (await Store.FindSessionAsync("s2", Ct))!.Title);
        Assert.Null(await Store.FindSessionAsync("s3", Ct));
    }

    [Fact]
    public async Task Session_round_trips_through_the_store()
    {
        var session = FullSession();

        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(session), Ct);

        var loaded = (await Store.LoadChannelAsync(Channel, Ct)).Session!;
        Assert.Equal(Json(session), Json(loaded));
        Assert.Equal(Json(session), Json((await CreateStore().FindSessionAsync(session.Id, Ct))!));
    }

    [Fact]
    public async Task Failed_inbox_item_is_skipped_but_never_lost()
    {
        var poison = await AddAsync(Message("e1"));
        await AddAsync(Message("e2"));

        await Store.MarkInboxFailedAsync(poison, "facilitator threw", Ct);

        Assert.Equal(["e2"], (await Store.PendingInboxAsync(10, Ct)).Select(i => i.Event.EventId));
        Assert.False(await Store.TryAddToInboxAsync(Message("e1"), Ct));
        await Store.CommitAsync(poison, Decide(Session()), Ct);
        Assert.Null((await Store.LoadChannelAsync(Channel, Ct)).Session);
    }

    [Fact]
    public async Task Outbox_is_in_insertion_order_across_channels()
    {
        var other = Channel with { ChannelId = "C2" };
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("b"), Post("x", other), Post("a")), Ct);
        await Store.CommitAsync(await AddAsync(Message("e2", other)), Decide(null, null, Post("y", other)), Ct);

        var due = await DueAsync();

        Assert.Equal(["b", "x", "a", "y"], due.Select(o => o.Action.Key));
        Assert.Equal(["b", "x"], (await Store.PendingOutboxAsync(Time.GetUtcNow(), 2, Ct)).Select(o => o.Action.Key));
        Assert.All(due, o => Assert.Equal(0, o.Attempts));
    }

    [Fact]
    public async Task Delivered_action_leaves_the_outbox_and_its_message_id_is_found()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("s1:chain:1"), Post("s1:chain:1:why2")), Ct);
        var root = (await DueAsync())[0];

        await Store.MarkDeliveredAsync(root, "1700000000.000100", Ct);

        Assert.Equal(["s1:chain:1:why2"], (await DueAsync()).Select(o => o.Action.Key));
        Assert.Equal("1700000000.000100", await Store.FindDeliveredMessageIdAsync(Channel, "s1:chain:1", Ct));
        Assert.Null(await Store.FindDeliveredMessageIdAsync(Channel, "s1:chain:1:why2", Ct));
        Assert.Null(await Store.FindDeliveredMessageIdAsync(Channel with { ChannelId = "C2" }, "s1:chain:1", Ct));
    }

    [Fact]
    public async Task A_delivered_post_is_found_by_the_key_it_is_known_by()
    {
        var history = new CollectHistory { Key = "s1:history", Channel = Channel, ProgressKey = "s1:progress" };
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, history), Ct);

        await Store.MarkDeliveredAsync((await DueAsync())[0], "1700000000.000200", Ct);

        Assert.Equal("1700000000.000200", await Store.FindDeliveredMessageIdAsync(Channel, "s1:progress", Ct));
        Assert.Equal("1700000000.000200", await Store.FindDeliveredMessageIdAsync(Channel, "s1:history", Ct));
    }

    [Fact]
    public async Task Delivered_action_without_a_message_id_leaves_the_outbox_and_records_none()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("eph")), Ct);

        await Store.MarkDeliveredAsync((await DueAsync())[0], null, Ct);

        Assert.Empty(await DueAsync());
        Assert.Null(await Store.FindDeliveredMessageIdAsync(Channel, "eph", Ct));
    }

    [Fact]
    public async Task Failed_delivery_is_not_due_before_its_next_attempt()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("k1")), Ct);
        var item = (await DueAsync())[0];

        await Store.MarkDeliveryFailedAsync(item, "429 Retry-After 30", Start.AddSeconds(30), giveUp: false, Ct);

        Assert.Empty(await Store.PendingOutboxAsync(Start, 10, Ct));
        Assert.Empty(await Store.PendingOutboxAsync(Start.AddSeconds(29.999), 10, Ct));
        var retried = Assert.Single(await Store.PendingOutboxAsync(Start.AddSeconds(30), 10, Ct));
        Assert.Equal(1, retried.Attempts);

        await Store.MarkDeliveryFailedAsync(retried, "503", Start.AddSeconds(90), giveUp: false, Ct);
        Assert.Equal(2, Assert.Single(await Store.PendingOutboxAsync(Start.AddSeconds(90), 10, Ct)).Attempts);
    }

    [Fact]
    public async Task Given_up_delivery_is_never_due_again_and_no_longer_holds_up_its_channel()
    {
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("k1"), Post("k2")), Ct);
        var first = (await DueAsync())[0];

        await Store.MarkDeliveryFailedAsync(first, "channel_not_found", Start.AddMinutes(1), giveUp: true, Ct);

        Assert.Equal(["k2"], (await Store.PendingOutboxAsync(Start.AddDays(1), 10, Ct)).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task A_later_action_waits_behind_an_earlier_one_awaiting_retry_in_its_channel_only()
    {
        var other = Channel with { ChannelId = "C2" };
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("root"), Post("reply"), Post("elsewhere", other)), Ct);
        var root = (await DueAsync())[0];

        await Store.MarkDeliveryFailedAsync(root, "timeout", Start.AddSeconds(10), giveUp: false, Ct);

        Assert.Equal(["elsewhere"], (await DueAsync()).Select(o => o.Action.Key));
        Assert.Equal(["root", "reply", "elsewhere"], (await Store.PendingOutboxAsync(Start.AddSeconds(10), 10, Ct)).Select(o => o.Action.Key));
    }

    [Fact]
    public async Task A_new_store_on_the_same_database_resumes_where_the_old_one_stopped()
    {
        var processed = await AddAsync(Message("e1"));
        await AddAsync(Message("e2"));
        await Store.CommitAsync(processed, Decide(FullSession(), [TimelineChange.Upsert(Line("m1", Start))], Post("k1"), Post("k2")), Ct);
        await Store.MarkDeliveredAsync((await DueAsync())[0], "ts-1", Ct);

        var restarted = CreateStore();
        await restarted.MigrateAsync(Ct);

        Assert.Equal(["e2"], (await restarted.PendingInboxAsync(10, Ct)).Select(i => i.Event.EventId));
        Assert.Equal(["k2"], (await restarted.PendingOutboxAsync(Time.GetUtcNow(), 10, Ct)).Select(o => o.Action.Key));
        var snapshot = await restarted.LoadChannelAsync(Channel, Ct);
        Assert.Equal(Json(FullSession()), Json(snapshot.Session!));
        Assert.Equal("m1", Assert.Single(snapshot.Messages).MessageId);
        Assert.Equal("ts-1", await restarted.FindDeliveredMessageIdAsync(Channel, "k1", Ct));
        Assert.False(await restarted.TryAddToInboxAsync(Message("e1"), Ct));
    }

    [Fact]
    public async Task One_workspace_never_sees_another_workspaces_data()
    {
        var theirs = Channel with { TenantId = "T2" };
        await Store.CommitAsync(await AddAsync(Message("e1")),
            Decide(Session("s1", title: "Ours"), [TimelineChange.Upsert(Line("m1", Start, "ours"))], Post("k1", text: "ours")), Ct);
        await Store.CommitAsync(await AddAsync(Message("e1", theirs)),
            Decide(Session("s9", theirs, "Theirs"), [TimelineChange.Upsert(Line("m1", Start, "theirs"))], Post("k1", theirs, "theirs")), Ct);

        var ours = await Store.LoadChannelAsync(Channel, Ct);
        var other = await Store.LoadChannelAsync(theirs, Ct);
        Assert.Equal("Ours", ours.Session!.Title);
        Assert.Equal("ours", Assert.Single(ours.Messages).Text);
        Assert.Equal("Theirs", other.Session!.Title);
        Assert.Equal("theirs", Assert.Single(other.Messages).Text);
        Assert.Null((await Store.LoadChannelAsync(Channel with { Platform = "teams" }, Ct)).Session);

        var due = await DueAsync();
        Assert.Equal(2, due.Count);
        await Store.MarkDeliveredAsync(due.Single(o => o.Action.Channel.TenantId == "T2"), "their-ts", Ct);
        Assert.Null(await Store.FindDeliveredMessageIdAsync(Channel, "k1", Ct));
        Assert.Equal("their-ts", await Store.FindDeliveredMessageIdAsync(theirs, "k1", Ct));
    }

    [Fact]
    public async Task Purge_deletes_only_old_messages_in_channels_without_a_session()
    {
        var quiet = Channel with { ChannelId = "C-quiet" };
        var claimed = Channel with { ChannelId = "C-claimed" };
        await Store.CommitAsync(await AddAsync(Message("e1", quiet)), Decide(null,
            [TimelineChange.Upsert(Line("old1", Start.AddDays(-8))), TimelineChange.Upsert(Line("old2", Start.AddDays(-7.5))), TimelineChange.Upsert(Line("new", Start.AddDays(-1)))]), Ct);
        await Store.CommitAsync(await AddAsync(Message("e2", claimed)), Decide(Session("s1", claimed),
            [TimelineChange.Upsert(Line("old", Start.AddDays(-30)))]), Ct);
        await Store.CommitAsync(await AddAsync(Message("e3", claimed)), Decide(null), Ct);

        var purged = await Store.PurgeUnclaimedMessagesAsync(Start.AddDays(-7), Ct);

        Assert.Equal(2, purged);
        Assert.Equal(["new"], (await Store.LoadChannelAsync(quiet, Ct)).Messages.Select(m => m.MessageId));
        Assert.Equal(["old"], (await Store.LoadChannelAsync(claimed, Ct)).Messages.Select(m => m.MessageId));
        Assert.Equal(0, await Store.PurgeUnclaimedMessagesAsync(Start.AddDays(-7), Ct));
    }

    [Fact]
    public async Task Purge_forgets_old_deletions_in_channels_without_a_session()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = CollectPostsAndOtherwise(TimelineChange.Remove("m1"));
        await Store.AcceptAsync(Edit("e1", messageId: "m1"), decider, Ct);
        Time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(1, await Store.PurgeUnclaimedMessagesAsync(Time.GetUtcNow().AddDays(-7), Ct));

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Message("e2", messageId: "m1"), decider, Ct));
    }

    [Fact]
    public async Task Parallel_inbox_writes_keep_every_event_once()
    {
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Store.TryAddToInboxAsync(Message($"w{w}-e{i}"), Ct);
                await Store.TryAddToInboxAsync(Message($"w{(w + 1) % 8}-e{i}"), Ct);
            }
        }));

        await Task.WhenAll(writers);

        var pending = await Store.PendingInboxAsync(1000, Ct);
        Assert.Equal(320, pending.Count);
        Assert.Equal(320, pending.Select(i => i.Event.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_store_it_once_and_only_one_is_new()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => Store.TryAddToInboxAsync(Message(i % 2 == 0 ? "same" : $"other-{i}"), Ct))));

        Assert.Single(attempts.Where((added, i) => i % 2 == 0 && added));
        Assert.All(attempts.Where((_, i) => i % 2 == 1), Assert.True);
        var pending = await Store.PendingInboxAsync(1000, Ct);
        Assert.Equal(33, pending.Count);
        Assert.Single(pending, item => item.Event.EventId == "same");
    }

    [Fact]
    public async Task Counts_give_inbox_rows_per_event_type_and_the_pending_work()
    {
        var first = await AddAsync(Message("e1"));
        await AddAsync(Message("e2"));
        await AddAsync(new CommandInvoked { EventId = "c1", Channel = Channel, OccurredAt = Start, User = Ana, Text = "help" });
        await Store.CommitAsync(first, Decide(null, [Collect(first)], Post("reply")), Ct);

        var counts = await Store.CountAsync(Ct);

        Assert.Equal(1, counts.TimelineMessages);
        Assert.Equal(2, counts.PostedMessages);
        Assert.Equal(2, counts.InboxByType["message_posted"]);
        Assert.Equal(1, counts.InboxByType["command_invoked"]);
        Assert.Equal(2, counts.InboxByType.Count);
        Assert.Equal(2, counts.InboxPending);
        Assert.Equal(1, counts.OutboxPending);
    }

    [Fact]
    public async Task Counts_of_an_empty_store_are_zero()
    {
        var counts = await Store.CountAsync(Ct);

        Assert.Empty(counts.InboxByType);
        Assert.Equal(0, counts.InboxPending);
        Assert.Equal(0, counts.OutboxPending);
    }

    protected async Task<InboxItem> AddAsync(ChatEvent chatEvent)
    {
        Assert.True(await Store.TryAddToInboxAsync(chatEvent, Ct));
        return (await Store.PendingInboxAsync(1000, Ct)).Single(i => i.Event.EventId == chatEvent.EventId && i.Event.Channel == chatEvent.Channel);
    }

    /// <summary>A verdict that collects a posted message, as the facilitator does, and makes <paramref name="otherwise"/> of any other event.</summary>
    private static Func<InboxItem, ChannelSnapshot, InboxVerdict> CollectPostsAndOtherwise(params TimelineChange[] otherwise) =>
        (item, _) => InboxVerdict.Decided(item.Event is MessagePosted ? Decide(null, [Collect(item)]) : Decide(null, otherwise));

    /// <summary>A decider for a store whose (empty) backlog has been checked, so new events are decided as they arrive.</summary>
    private protected async Task<RecordingDecider> DeciderWithEmptyBacklogAsync()
    {
        var decider = new RecordingDecider();
        Assert.Equal(0, await Store.DecidePendingAsync(decider, 10, Ct));
        return decider;
    }

    protected Task<IReadOnlyList<OutboxItem>> DueAsync() => Store.PendingOutboxAsync(Time.GetUtcNow(), 100, Ct);

    protected static string Json(PostmortemSession session) => JsonSerializer.Serialize(session, PostmortemJson.Options);

    private async Task AssertUnchangedAfterFailedCommitAsync(InboxItem item)
    {
        foreach (var store in new[] { Store, CreateStore() })
        {
            var snapshot = await store.LoadChannelAsync(Channel, Ct);
            Assert.Equal("Before", snapshot.Session!.Title);
            Assert.Equal(["m1"], snapshot.Messages.Select(m => m.MessageId));
            Assert.Empty(await store.PendingOutboxAsync(Time.GetUtcNow(), 10, Ct));
            Assert.Equal(item.Sequence, Assert.Single(await store.PendingInboxAsync(10, Ct)).Sequence);
        }
    }
}
