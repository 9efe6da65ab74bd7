using Microsoft.Extensions.DependencyInjection;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Slack.Backfill;
using Postmortem.Slack.Outbound;
using Postmortem.Slack.Tests.WebApi;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.Backfill;

public sealed class SlackBackfillTests : IAsyncLifetime
{
    private static readonly ChannelRef Channel = new("slack", "T0TEAM001", "C0INC0001");

    private readonly RecordingBackfillSink _sink = new();
    private FakeSlackApi _slack = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.ReplyWith(SlackMethods.AuthTest, "auth.test.json");
        _slack.ReplyWith(SlackMethods.ConversationsInfo, "conversations.info.json");
        _slack.ReplyWith(SlackMethods.ConversationsHistory, "backfill.history.page1.json", "backfill.history.page2.json");
        _slack.ReplyWith(SlackMethods.ConversationsReplies, "backfill.replies.json");
        _slack.ReplyWith(SlackMethods.ChatPostMessage, "chat.postMessage.json");
        _slack.ReplyWith(SlackMethods.ChatUpdate, "chat.update.json");
        _services = SlackTestServices.Build(_slack, _sink);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task History_pages_and_thread_replies_become_posted_messages_oldest_first()
    {
        var result = await RunAsync(since: null);

        var posted = _sink.Events.OfType<MessagePosted>().ToList();
        Assert.Equal(
            ["1763800200.000200", "1763800300.000300", "1763800330.000330", "1763800360.000360", "1763800400.000400"],
            posted.Select(p => p.MessageId));
        Assert.All(posted, p => Assert.Equal($"backfill:C0INC0001:{p.MessageId}", p.EventId));
        Assert.All(posted, p => Assert.Equal(Channel, p.Channel));
        Assert.Equal(5, result.Messages);
        Assert.Equal(1, result.Threads);

        var replies = posted.Where(p => p.ThreadId == "1763800300.000300").ToList();
        Assert.Equal(2, replies.Count);
        Assert.True(replies[1].HasFile);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763800330).AddTicks(3300), replies[0].OccurredAt);
    }

    [Fact]
    public async Task Authors_are_named_bots_kept_and_our_own_posts_left_out()
    {
        _slack.Reply(SlackMethods.UsersInfo, FakeReply.Json(Payloads.Payload.Text("WebApi/users.info.bob.json")));

        await RunAsync(since: null);

        var posted = _sink.Events.OfType<MessagePosted>().ToDictionary(p => p.MessageId);
        Assert.Equal(new ChatUser("B0ALERTS1", "PagerAlerts", IsBot: true), posted["1763800400.000400"].Author);
        Assert.False(posted.ContainsKey("1763800250.000250"));
        Assert.Equal("Bob Example", posted["1763800200.000200"].Author.DisplayName);
        Assert.False(posted["1763800200.000200"].Author.IsBot);

        var thread = posted["1763800300.000300"];
        Assert.Equal("Rolling back the deploy & watching <@U0BOB0001>", thread.Text);
        Assert.Equal("Bob Example", thread.MentionNames!["U0BOB0001"]);
        Assert.Single(_slack.Calls(SlackMethods.UsersInfo), c => c.Form["user"] == "U0BOB0001");
    }

    [Fact]
    public async Task Join_notices_are_skipped_and_edits_keep_their_edit()
    {
        await RunAsync(since: null);

        Assert.DoesNotContain(_sink.Events.OfType<MessagePosted>(), p => p.MessageId == "1763800210.000210");
        var edit = Assert.Single(_sink.Events.OfType<MessageEdited>());
        Assert.Equal("1763800200.000200", edit.MessageId);
        Assert.Equal("backfill:C0INC0001:1763800200.000200:edited:1763800230.000000", edit.EventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763800230), edit.OccurredAt);
        Assert.Equal("checkout is slow for everyone", edit.NewText);
    }

    [Fact]
    public async Task Without_since_history_starts_at_the_channel_creation()
    {
        await RunAsync(since: null);

        Assert.Single(_slack.Calls(SlackMethods.ConversationsInfo));
        Assert.All(_slack.Calls(SlackMethods.ConversationsHistory), c => Assert.Equal("1763800000", c.Form["oldest"]));
        Assert.Equal("1763800300.000300", Assert.Single(_slack.Calls(SlackMethods.ConversationsReplies)).Form["ts"]);
    }

    [Fact]
    public async Task With_since_history_starts_there_without_asking_for_the_channel()
    {
        await RunAsync(since: DateTimeOffset.FromUnixTimeSeconds(1763800100).AddTicks(1230));

        Assert.Empty(_slack.Calls(SlackMethods.ConversationsInfo));
        Assert.Equal("1763800100.000123", _slack.Calls(SlackMethods.ConversationsHistory)[0].Form["oldest"]);
        Assert.Equal("bmV4dF90czoxNzYzODAwMjAw", _slack.Calls(SlackMethods.ConversationsHistory)[1].Form["cursor"]);
    }

    [Fact]
    public async Task Progress_is_posted_once_then_updated_in_place_with_the_counts()
    {
        var result = await RunAsync(since: null);

        var post = Assert.Single(_slack.Calls(SlackMethods.ChatPostMessage)).Json;
        Assert.Equal("s1:progress", post.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString());
        var update = Assert.Single(_slack.Calls(SlackMethods.ChatUpdate)).Json;
        Assert.Equal("1763800500.000500", update.GetProperty("ts").GetString());
        Assert.Equal("History collected: 5 messages, 1 thread.", update.GetProperty("text").GetString());
        Assert.Equal("1763800500.000500", result.ProgressMessageId);
    }

    [Fact]
    public async Task Collect_history_through_the_sender_reports_the_progress_message()
    {
        var sender = _services.GetRequiredService<SlackPlatformSender>();

        var result = await sender.SendAsync(Action(null), (_, _) => Task.FromResult<string?>(null), CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.True(result.Succeeded);
        Assert.Equal("1763800500.000500", result.MessageId);
        Assert.Equal(5, _sink.Events.OfType<MessagePosted>().Count());
    }

    [Fact]
    public async Task Progress_is_updated_every_two_hundred_messages_and_at_the_end()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ReplyWith(SlackMethods.AuthTest, "auth.test.json");
        slack.ReplyWith(SlackMethods.ChatPostMessage, "chat.postMessage.json");
        var messages = Enumerable.Range(0, 450)
            .Select(i => $$"""{"type":"message","user":"U0BOB0001","text":"m{{i}}","ts":"{{1763800000 + i}}.000100"}""");
        slack.Reply(SlackMethods.ConversationsHistory, FakeReply.Json($$"""{"ok":true,"messages":[{{string.Join(",", messages)}}],"has_more":false}"""));
        var sink = new RecordingBackfillSink();
        await using var services = SlackTestServices.Build(slack, sink);

        var result = await services.GetRequiredService<SlackBackfill>()
            .RunAsync(Action(DateTimeOffset.FromUnixTimeSeconds(1763700000)), (_, _) => Task.FromResult<string?>(null), CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal(450, result.Messages);
        Assert.Equal(450, sink.Events.Count);
        Assert.Single(slack.Calls(SlackMethods.ChatPostMessage));
        Assert.Equal(
            [
                "Collecting this channel's history… 200 messages, 0 threads so far.",
                "Collecting this channel's history… 400 messages, 0 threads so far.",
                "History collected: 450 messages, 0 threads.",
            ],
            slack.Calls(SlackMethods.ChatUpdate).Select(c => c.Json.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task A_progress_message_delivered_before_is_updated_instead_of_posted_again()
    {
        var result = await _services.GetRequiredService<SlackBackfill>()
            .RunAsync(Action(null), (key, _) => Task.FromResult<string?>(key == "s1:progress" ? "1763800001.000001" : null), CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.Empty(_slack.Calls(SlackMethods.ChatPostMessage));
        Assert.All(_slack.Calls(SlackMethods.ChatUpdate), c => Assert.Equal("1763800001.000001", c.Json.GetProperty("ts").GetString()));
        Assert.Equal("1763800001.000001", result.ProgressMessageId);
    }

    [Fact]
    public async Task Retried_collection_reuses_the_progress_message_a_crashed_attempt_posted()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ReplyWith(SlackMethods.AuthTest, "auth.test.json");
        slack.Reply(
            SlackMethods.ConversationsHistory,
            FakeReply.Json("""{"ok":true,"messages":[{"type":"message","user":"U0BOT0001","text":"Collecting…","ts":"1763800001.000001","metadata":{"event_type":"postmortem_action","event_payload":{"key":"s1:progress"}}}]}"""),
            FakeReply.Json("""{"ok":true,"messages":[],"has_more":false}"""));
        await using var services = SlackTestServices.Build(slack, new RecordingBackfillSink());

        var result = await services.GetRequiredService<SlackPlatformSender>()
            .SendAsync(Action(DateTimeOffset.FromUnixTimeSeconds(1763800000)), (_, _) => Task.FromResult<string?>(null), attempt: 2, CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("1763800001.000001", result.MessageId);
        Assert.Empty(slack.Calls(SlackMethods.ChatPostMessage));
        Assert.NotEmpty(slack.Calls(SlackMethods.ChatUpdate));
    }

    [Fact]
    public void Instants_become_slack_timestamps_with_microseconds()
    {
        Assert.Equal("1763800100.000123", SlackBackfill.ToTs(DateTimeOffset.FromUnixTimeSeconds(1763800100).AddTicks(1230)));
        Assert.Equal("1763800100.000000", SlackBackfill.ToTs(DateTimeOffset.FromUnixTimeSeconds(1763800100)));
    }

    private static CollectHistory Action(DateTimeOffset? since) =>
        new() { Key = "s1:collect", Channel = Channel, Since = since, ProgressKey = "s1:progress" };

    private Task<SlackBackfillResult> RunAsync(DateTimeOffset? since) =>
        _services.GetRequiredService<SlackBackfill>()
            .RunAsync(Action(since), (_, _) => Task.FromResult<string?>(null), CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);
}
