using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Slack.Tests.Payloads;
using Postmortem.Slack.WebApi;

namespace Postmortem.Slack.Tests.WebApi;

public sealed class SlackWebApiTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    [Fact]
    public async Task History_follows_the_cursor_across_three_pages_and_stops_at_an_empty_cursor()
    {
        _slack.ReplyWith(SlackMethods.ConversationsHistory, "history.page1.json", "history.page2.json", "history.page3.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var texts = new List<string?>();
        await foreach (var page in api.Conversations.HistoryAsync("C0INC0001", "1763800000", CancellationToken.None).WithTimeout())
        {
            texts.AddRange(page.Messages.Select(m => m.Text));
        }

        Assert.Equal(["page one, newest", "page one, older", "page two", "page three, oldest"], texts);
        var calls = _slack.Calls(SlackMethods.ConversationsHistory);
        Assert.Equal(3, calls.Count);
        Assert.False(calls[0].Form.ContainsKey("cursor"));
        Assert.Equal("bmV4dF90czoxNzYzODAwMTAw", calls[1].Form["cursor"]);
        Assert.Equal("bmV4dF90czoxNzYzODAwMDUw", calls[2].Form["cursor"]);
        Assert.All(calls, c => Assert.Equal("1763800000", c.Form["oldest"]));
        Assert.All(calls, c => Assert.Equal("C0INC0001", c.Form["channel"]));
    }

    [Fact]
    public async Task Members_stop_when_the_last_page_has_no_cursor()
    {
        _slack.ReplyWith(SlackMethods.ConversationsMembers, "conversations.members.page1.json", "conversations.members.page2.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var members = new List<string>();
        await foreach (var member in api.Conversations.MembersAsync("C0INC0001", CancellationToken.None).WithTimeout())
        {
            members.Add(member);
        }

        Assert.Equal(["U0ALICE01", "U0BOB0001", "U0BOT0001"], members);
        Assert.Equal(2, _slack.Calls(SlackMethods.ConversationsMembers).Count);
    }

    [Fact]
    public async Task Rate_limited_call_waits_the_retry_after_seconds_then_retries_exactly_once()
    {
        _slack.Reply(
            SlackMethods.ChatPostMessage,
            new FakeReply(429, Payload.Text("WebApi/error.ratelimited.json"), RetryAfter: "1"),
            FakeReply.Json(Payload.Text("WebApi/chat.postMessage.json")));
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var posted = await api.Chat.PostMessageAsync(new SlackMessage("C0INC0001", "hello"), CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("1763800500.000500", posted.Ts);
        var calls = _slack.Calls(SlackMethods.ChatPostMessage);
        Assert.Equal(2, calls.Count);
        var waited = calls[1].ReceivedAt - calls[0].ReceivedAt;
        Assert.InRange(waited, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Retry_delay_for_429_is_exactly_the_retry_after_header()
    {
        using var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        limited.Headers.Add("Retry-After", "7");
        using var failed = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(7), SlackResilience.RetryAfterDelay(limited));
        Assert.Null(SlackResilience.RetryAfterDelay(failed));
    }

    [Fact]
    public async Task Rate_limit_that_outlasts_the_retries_surfaces_with_its_retry_after()
    {
        _slack.Reply(SlackMethods.ChatPostMessage, new FakeReply(429, Payload.Text("WebApi/error.ratelimited.json"), RetryAfter: "30"));
        await using var services = SlackTestServices.Build(_slack, retries: 0);
        var api = services.GetRequiredService<SlackWebApi>();

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => api.Chat.PostMessageAsync(new SlackMessage("C0INC0001", "hello"), CancellationToken.None).WaitAsync(FakeSlackApi.Timeout));

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Server_error_is_retried_then_succeeds()
    {
        _slack.Reply(
            SlackMethods.ChatUpdate,
            new FakeReply(503, "upstream unavailable"),
            FakeReply.Json(Payload.Text("WebApi/chat.update.json")));
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var updated = await api.Chat.UpdateAsync(new SlackMessage("C0INC0001", "Updated"), "1763800500.000500", CancellationToken.None)
            .WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("1763800500.000500", updated.Ts);
        Assert.Equal(2, _slack.Calls(SlackMethods.ChatUpdate).Count);
    }

    [Fact]
    public async Task Dropped_connection_is_retried_then_succeeds()
    {
        _slack.Reply(SlackMethods.AuthTest, FakeReply.Dropped, FakeReply.Json(Payload.Text("WebApi/auth.test.json")));
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var identity = await api.Auth.TestAsync(CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("T0TEAM001", identity.TeamId);
        Assert.Equal(2, _slack.Calls(SlackMethods.AuthTest).Count);
    }

    [Fact]
    public async Task Logical_error_is_not_retried_and_carries_a_hint()
    {
        _slack.ReplyWith(SlackMethods.ChatPostMessage, "error.not_in_channel.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var error = await Assert.ThrowsAsync<SlackApiException>(
            () => api.Chat.PostMessageAsync(new SlackMessage("C0INC0001", "hello"), CancellationToken.None).WaitAsync(FakeSlackApi.Timeout));

        Assert.Equal(SlackMethods.ChatPostMessage, error.Method);
        Assert.Equal("not_in_channel", error.Error);
        Assert.False(error.IsTransient);
        Assert.Contains("/invite @Postmortem", error.UserHint, StringComparison.Ordinal);
        Assert.Single(_slack.Calls(SlackMethods.ChatPostMessage));
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("invalid_auth")]
    [InlineData("ratelimited")]
    [InlineData("not_in_channel")]
    public void Well_known_errors_have_a_user_hint(string error) =>
        Assert.False(string.IsNullOrWhiteSpace(SlackErrorHints.For(error)));

    [Fact]
    public async Task Upload_takes_three_steps_and_shares_the_file_in_the_thread()
    {
        _slack.ReplyWith(SlackMethods.FilesGetUploadUrlExternal, "files.getUploadURLExternal.json");
        _slack.ReplyWith(SlackMethods.FilesCompleteUploadExternal, "files.completeUploadExternal.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();
        var bytes = Encoding.UTF8.GetBytes("# Checkout latency\n\nAll of it.\n");

        var done = await api.Files.UploadAsync(
            new SlackFileUpload("C0INC0001", "postmortem.md", bytes)
            {
                Title = "Checkout latency",
                InitialComment = "The full document",
                ThreadTs = "1763800500.000500",
            },
            CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("F0DOC0001", Assert.Single(done.Files).Id);
        Assert.Equal(
            [SlackMethods.FilesGetUploadUrlExternal, "upload", SlackMethods.FilesCompleteUploadExternal],
            _slack.Requests.Select(r => r.Method));
        var getUrl = _slack.Requests[0];
        Assert.Equal("postmortem.md", getUrl.Form["filename"]);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), getUrl.Form["length"]);
        Assert.Equal(bytes, _slack.Requests[1].Body);
        var complete = _slack.Requests[2].Form;
        Assert.Equal("C0INC0001", complete["channel_id"]);
        Assert.Equal("The full document", complete["initial_comment"]);
        Assert.Equal("1763800500.000500", complete["thread_ts"]);
        var file = Assert.Single(JsonDocument.Parse(complete["files"]).RootElement.EnumerateArray());
        Assert.Equal("F0DOC0001", file.GetProperty("id").GetString());
        Assert.Equal("Checkout latency", file.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_call_sends_the_bot_token_and_chat_posts_json()
    {
        _slack.ReplyWith(SlackMethods.ChatPostMessage, "chat.postMessage.json");
        _slack.ReplyWith(SlackMethods.AuthTest, "auth.test.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        await api.Chat.PostMessageAsync(
            new SlackMessage("C0INC0001", "hi") { ThreadTs = "1.2", Metadata = SlackMessageMetadata.ForAction("s1:k") },
            CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        var identity = await api.Auth.TestAsync(CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("U0BOT0001", identity.UserId);
        Assert.Equal("B0BOT0001", identity.BotId);
        Assert.All(_slack.Requests, r => Assert.Equal($"Bearer {SlackTestServices.Token}", r.Authorization));
        var post = _slack.Calls(SlackMethods.ChatPostMessage)[0];
        Assert.StartsWith("application/json", post.ContentType, StringComparison.Ordinal);
        Assert.Equal("1.2", post.Json.GetProperty("thread_ts").GetString());
        Assert.Equal("postmortem_action", post.Json.GetProperty("metadata").GetProperty("event_type").GetString());
        Assert.Equal("s1:k", post.Json.GetProperty("metadata").GetProperty("event_payload").GetProperty("key").GetString());
    }

    [Fact]
    public async Task User_info_is_cached_until_it_expires()
    {
        _slack.ReplyWith(SlackMethods.UsersInfo, "users.info.alice.json");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        await using var services = SlackTestServices.Build(_slack, time: clock);
        var api = services.GetRequiredService<SlackWebApi>();

        var first = await api.Users.InfoAsync("U0ALICE01", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        var second = await api.Users.InfoAsync("U0ALICE01", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        Assert.Single(_slack.Calls(SlackMethods.UsersInfo));

        clock.Advance(SlackUsersApi.CacheFor + TimeSpan.FromSeconds(1));
        await api.Users.InfoAsync("U0ALICE01", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        Assert.Equal("alice.e", first.DisplayName);
        Assert.Same(first, second);
        Assert.Equal(2, _slack.Calls(SlackMethods.UsersInfo).Count);
        Assert.Equal("U0ALICE01", _slack.Calls(SlackMethods.UsersInfo)[0].Form["user"]);
    }

    [Fact]
    public async Task Reactions_permalink_and_channel_info_read_slacks_shapes()
    {
        _slack.ReplyWith(SlackMethods.ReactionsGet, "reactions.get.json");
        _slack.ReplyWith(SlackMethods.ChatGetPermalink, "chat.getPermalink.json");
        _slack.ReplyWith(SlackMethods.ConversationsInfo, "conversations.info.json");
        await using var services = SlackTestServices.Build(_slack);
        var api = services.GetRequiredService<SlackWebApi>();

        var reactions = await api.Reactions.GetAsync("C0INC0001", "1763800330.000330", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        var link = await api.Chat.GetPermalinkAsync("C0INC0001", "1763800500.000500", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);
        var info = await api.Conversations.InfoAsync("C0INC0001", CancellationToken.None).WaitAsync(FakeSlackApi.Timeout);

        var reaction = Assert.Single(reactions.Reactions);
        Assert.Equal(new[] { "U0BOB0001", "U0ALICE01" }, reaction.Users);
        Assert.Equal(2, reaction.Count);
        Assert.Equal("https://incident-corp.slack.com/archives/C0INC0001/p1763800500000500", link.Permalink);
        Assert.Equal(1763800000, info.Created);
        Assert.Equal("inc-checkout-latency", info.Name);
        Assert.True(info.Extra!.ContainsKey("topic"));
        Assert.Equal("1763800330.000330", _slack.Calls(SlackMethods.ReactionsGet)[0].Form["timestamp"]);
    }
}
