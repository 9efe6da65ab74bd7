using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Rendering;
using Postmortem.Slack.Outbound;
using Postmortem.Slack.Tests.Payloads;
using Postmortem.Slack.Tests.WebApi;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.Outbound;

public sealed class SlackPlatformSenderTests : IAsyncLifetime
{
    private static readonly ChannelRef Channel = new("slack", "T0TEAM001", "C0INC0001", "inc-checkout-latency");

    private readonly Dictionary<string, string> _delivered = new(StringComparer.Ordinal);
    private FakeSlackApi _slack = null!;
    private ServiceProvider _services = null!;

    private SlackPlatformSender Sender => _services.GetRequiredService<SlackPlatformSender>();

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.ReplyWith(SlackMethods.ChatPostMessage, "chat.postMessage.json");
        _slack.ReplyWith(SlackMethods.ChatUpdate, "chat.update.json");
        _slack.ReplyWith(SlackMethods.ChatPostEphemeral, "chat.postEphemeral.json");
        _services = SlackTestServices.Build(_slack);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Post_in_a_keyed_thread_replies_under_the_delivered_root_with_the_action_key_as_metadata()
    {
        _delivered["s1:chain:1"] = "1763800100.000100";
        var post = new PostMessage
        {
            Key = "s1:why:2",
            Channel = Channel,
            ThreadKey = "s1:chain:1",
            Content = new MessageContent("*Why 2:* why did the pool run dry?", MessagePurpose.WhyPrompt),
        };

        var result = await SendAsync(post);

        Assert.True(result.Succeeded);
        Assert.Equal("1763800500.000500", result.MessageId);
        var body = Assert.Single(_slack.Calls(SlackMethods.ChatPostMessage)).Json;
        Assert.Equal("C0INC0001", body.GetProperty("channel").GetString());
        Assert.Equal("1763800100.000100", body.GetProperty("thread_ts").GetString());
        Assert.Equal("s1:why:2", body.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString());
        Assert.Equal("section", body.GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_under_a_thread_key_not_delivered_yet_is_a_retryable_failure_that_posts_nothing()
    {
        var post = new PostMessage { Key = "s1:why:2", Channel = Channel, ThreadKey = "s1:chain:1", Content = new MessageContent("Why?") };

        var result = await SendAsync(post);

        Assert.False(result.Succeeded);
        Assert.False(result.Permanent);
        Assert.Contains("s1:chain:1", result.Error, StringComparison.Ordinal);
        Assert.Empty(_slack.Requests);
    }

    [Fact]
    public async Task Post_with_a_platform_thread_id_replies_there()
    {
        var post = new PostMessage { Key = "s1:ack", Channel = Channel, ThreadId = "1763800001.000001", Content = new MessageContent("Noted") };

        await SendAsync(post);

        Assert.Equal("1763800001.000001", _slack.Calls(SlackMethods.ChatPostMessage)[0].Json.GetProperty("thread_ts").GetString());
    }

    [Fact]
    public async Task Retry_finds_the_post_made_before_a_crash_instead_of_posting_again()
    {
        _slack.ReplyWith(SlackMethods.ConversationsHistory, "latest.with_our_post.json");
        var post = new PostMessage { Key = "s1:kickoff", Channel = Channel, Content = new MessageContent("Kickoff", MessagePurpose.Kickoff) };

        var result = await Sender.SendAsync(post, FindAsync, attempt: 2, CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        Assert.True(result.Succeeded);
        Assert.Equal("1763800700.000700", result.MessageId);
        Assert.Empty(_slack.Calls(SlackMethods.ChatPostMessage));
        Assert.Equal("true", _slack.Calls(SlackMethods.ConversationsHistory)[0].Form["include_all_metadata"]);
    }

    [Fact]
    public async Task First_attempt_posts_without_searching_the_history()
    {
        var post = new PostMessage { Key = "s1:kickoff", Channel = Channel, Content = new MessageContent("Kickoff") };

        await SendAsync(post);

        Assert.Empty(_slack.Calls(SlackMethods.ConversationsHistory));
        Assert.Single(_slack.Calls(SlackMethods.ChatPostMessage));
    }

    [Fact]
    public async Task Update_replaces_the_delivered_message()
    {
        _delivered["s1:item:1"] = "1763800400.000400";
        var update = new UpdateMessage
        {
            Key = "s1:item:1:update",
            Channel = Channel,
            TargetKey = "s1:item:1",
            Content = new MessageContent("Item 1 confirmed", MessagePurpose.ActionItem) { Item = Item() },
        };

        var result = await SendAsync(update);

        Assert.True(result.Succeeded);
        Assert.Equal("1763800400.000400", result.MessageId);
        var body = Assert.Single(_slack.Calls(SlackMethods.ChatUpdate)).Json;
        Assert.Equal("1763800400.000400", body.GetProperty("ts").GetString());
        Assert.Equal("*Owner*\n<@U0BOB0001>", body.GetProperty("blocks")[1].GetProperty("fields")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Update_of_a_message_never_delivered_is_a_permanent_failure()
    {
        var update = new UpdateMessage { Key = "u", Channel = Channel, TargetKey = "s1:missing", Content = new MessageContent("x") };

        var result = await SendAsync(update);

        Assert.False(result.Succeeded);
        Assert.True(result.Permanent);
        Assert.Empty(_slack.Requests);
    }

    [Fact]
    public async Task Ephemeral_goes_to_the_user_in_the_thread()
    {
        var ephemeral = new PostEphemeral
        {
            Key = "s1:usage",
            Channel = Channel,
            UserId = "U0ALICE01",
            ThreadId = "1763800001.000001",
            Content = new MessageContent("Usage: `/postmortem start`", MessagePurpose.Help),
        };

        var result = await SendAsync(ephemeral);

        Assert.Equal("1763800600.000600", result.MessageId);
        var body = Assert.Single(_slack.Calls(SlackMethods.ChatPostEphemeral)).Json;
        Assert.Equal("U0ALICE01", body.GetProperty("user").GetString());
        Assert.Equal("1763800001.000001", body.GetProperty("thread_ts").GetString());
    }

    [Fact]
    public async Task Not_in_channel_is_permanent_with_the_invite_hint()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ReplyWith(SlackMethods.ChatPostMessage, "error.not_in_channel.json");
        await using var services = SlackTestServices.Build(slack);
        var post = new PostMessage { Key = "k", Channel = Channel, Content = new MessageContent("hello") };

        var result = await services.GetRequiredService<SlackPlatformSender>().SendAsync(post, FindAsync, CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.True(result.Permanent);
        Assert.Contains("not_in_channel", result.Error, StringComparison.Ordinal);
        Assert.Contains("/invite @Postmortem", result.UserHint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limit_is_retryable_after_slacks_wait()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.Reply(SlackMethods.ChatPostMessage, new FakeReply(429, Payload.Text("WebApi/error.ratelimited.json"), RetryAfter: "12"));
        await using var services = SlackTestServices.Build(slack, retries: 0);
        var post = new PostMessage { Key = "k", Channel = Channel, Content = new MessageContent("hello") };

        var result = await services.GetRequiredService<SlackPlatformSender>().SendAsync(post, FindAsync, CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.False(result.Succeeded);
        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(12), result.RetryAfter);
    }

    [Fact]
    public async Task Publish_posts_the_summary_then_uploads_the_markdown_and_updates_it_the_next_time()
    {
        _slack.ReplyWith(SlackMethods.FilesGetUploadUrlExternal, "files.getUploadURLExternal.json");
        _slack.ReplyWith(SlackMethods.FilesCompleteUploadExternal, "files.completeUploadExternal.json");
        var publish = new PublishPostmortem
        {
            Key = "s1:summary",
            Channel = Channel,
            SummaryKey = "s1:summary",
            Document = new PostmortemDocument { SessionId = "s1", Title = "Checkout latency" },
            Markdown = "# Checkout latency\n",
            FileName = "postmortem-checkout-latency.md",
        };

        var first = await SendAsync(publish);
        _delivered["s1:summary"] = first.MessageId!;
        var second = await SendAsync(publish with { Key = "s1:render:2" });

        Assert.True(first.Succeeded);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Single(_slack.Calls(SlackMethods.ChatPostMessage));
        Assert.Equal(first.MessageId, Assert.Single(_slack.Calls(SlackMethods.ChatUpdate)).Json.GetProperty("ts").GetString());
        Assert.Equal(2, _slack.Calls("upload").Count);
        Assert.Equal(Encoding.UTF8.GetBytes("# Checkout latency\n"), _slack.Calls("upload")[0].Body);
        Assert.Equal("postmortem-checkout-latency.md", _slack.Calls(SlackMethods.FilesGetUploadUrlExternal)[0].Form["filename"]);
        Assert.Equal("C0INC0001", _slack.Calls(SlackMethods.FilesCompleteUploadExternal)[0].Form["channel_id"]);
        Assert.Equal(
            "s1:summary",
            _slack.Calls(SlackMethods.ChatPostMessage)[0].Json.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString());
    }

    [Fact]
    public async Task Posts_to_one_channel_are_paced_a_second_apart()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var waits = new List<TimeSpan>();
        var pacer = new SlackChannelPacer(clock, (wait, _) =>
        {
            waits.Add(wait);
            clock.Advance(wait);
            return Task.CompletedTask;
        });

        await pacer.WaitTurnAsync("C1", CancellationToken.None);
        await pacer.WaitTurnAsync("C1", CancellationToken.None);
        await pacer.WaitTurnAsync("C2", CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await pacer.WaitTurnAsync("C1", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        await pacer.WaitTurnAsync("C1", CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(600)], waits);
    }

    [Fact]
    public async Task Sender_paces_consecutive_posts_to_the_same_channel()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        slack.ReplyWith(SlackMethods.ChatPostMessage, "chat.postMessage.json");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var waits = new List<TimeSpan>();
        var pacer = new SlackChannelPacer(clock, (wait, _) =>
        {
            waits.Add(wait);
            clock.Advance(wait);
            return Task.CompletedTask;
        });
        await using var services = SlackTestServices.Build(slack, pacer: pacer);
        var sender = services.GetRequiredService<SlackPlatformSender>();

        foreach (var key in new[] { "a", "b", "c" })
        {
            var post = new PostMessage { Key = key, Channel = Channel, Content = new MessageContent(key) };
            await sender.SendAsync(post, FindAsync, CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        }

        Assert.Equal([SlackChannelPacer.Interval, SlackChannelPacer.Interval], waits);
        Assert.Equal(3, slack.Calls(SlackMethods.ChatPostMessage).Count);
    }

    private static ActionItem Item() => new()
    {
        Number = 1,
        Change = "Add a connection-pool saturation alert",
        OwnerId = "U0BOB0001",
        Due = new DateOnly(2026, 12, 1),
        DoneWhen = "the alert fires in the staging drill",
        ProposedBy = "U0ALICE01",
        ProposedAt = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero),
        MessageKey = "s1:item:1",
        Status = ActionItemStatus.Confirmed,
    };

    private Task<string?> FindAsync(string key, CancellationToken ct) => Task.FromResult(_delivered.GetValueOrDefault(key));

    private Task<SlackDeliveryResult> SendAsync(ChatAction action) =>
        Sender.SendAsync(action, FindAsync, CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
}
