using System.Net;
using Postmortem.Core.Events;
using Postmortem.Host.Playground;
using Postmortem.Host.Tests.Infrastructure;

namespace Postmortem.Host.Tests.Playground;

public sealed class PlaygroundFlowTests : IAsyncLifetime
{
    private HostFixture _host = null!;
    private PlaygroundClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await HostFixture.StartAsync();
        _client = _host.Playground();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Posted_message_goes_through_the_inbox_into_the_timeline_with_neutral_mentions()
    {
        var message = await _client.SayAsync("alice", "db is down, paging @bob.");

        Assert.Equal("db is down, paging <@bob>.", message.Text);
        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        var stored = Assert.Single(snapshot.Messages);
        Assert.Equal(message.Id, stored.MessageId);
        Assert.Equal("alice", stored.Author.Id);
        Assert.Equal("db is down, paging <@bob>.", stored.Text);
        Assert.Equal(HostFixture.Start, stored.PostedAt);
        Assert.Empty(await _host.Store.PendingInboxAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Thread_reply_keeps_its_thread_id()
    {
        var root = await _client.SayAsync("alice", "error rate is up");
        var reply = await _client.SayAsync("bob", "looking", threadId: root.Id);

        Assert.Equal(root.Id, reply.ThreadId);
        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        Assert.Equal(root.Id, snapshot.Messages.Single(m => m.MessageId == reply.Id).ThreadId);
    }

    [Fact]
    public async Task Edit_and_delete_update_the_timeline()
    {
        var kept = await _client.SayAsync("alice", "deploy 41 went out");
        var removed = await _client.SayAsync("alice", "wrong channel");

        await _client.EditAsync("alice", kept.Id, "deploy 42 went out");
        await _client.DeleteAsync(removed.Id, "alice");
        await _client.WaitUntilIdleAsync();

        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        var stored = Assert.Single(snapshot.Messages);
        Assert.Equal("deploy 42 went out", stored.Text);
        Assert.DoesNotContain(await _client.MessagesAsync("alice"), m => m.Id == removed.Id);
    }

    [Fact]
    public async Task Replayed_event_is_stored_once()
    {
        var chatEvent = new MessagePosted
        {
            EventId = "replayed-1",
            Channel = PlaygroundChannel.Ref,
            OccurredAt = HostFixture.Start,
            MessageId = "x1",
            Author = new("carol", "carol"),
            Text = "first",
        };

        Assert.True(await _host.Store.TryAddToInboxAsync(chatEvent, CancellationToken.None));
        Assert.False(await _host.Store.TryAddToInboxAsync(chatEvent with { Text = "second" }, CancellationToken.None));
        await _client.WaitUntilIdleAsync();

        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        Assert.Equal("first", Assert.Single(snapshot.Messages).Text);
    }

    [Fact]
    public async Task Same_reaction_twice_sends_one_event()
    {
        var id = await _client.PostAsync("alice", "root cause found");

        var first = await _client.ReactAsync("bob", id, "pushpin");
        var second = await _client.ReactAsync("bob", id, "📌");

        Assert.NotNull(first.EventId);
        Assert.Null(second.EventId);
        var reaction = Assert.Single((await _client.MessagesAsync()).Single(m => m.Id == id).Reactions);
        Assert.Equal(PlaygroundReactions.Highlight, reaction.Emoji);
        Assert.Equal(["bob"], reaction.Users);
    }

    [Fact]
    public async Task Pin_reaction_highlights_and_removing_it_unhighlights()
    {
        var id = await _client.PostAsync("alice", "rolled back deploy 42");
        await _client.ReactAsync("bob", id, "📌");
        await _client.WaitUntilIdleAsync();
        var highlighted = (await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages.Single();

        await _client.UnreactAsync("bob", id, "pushpin");
        await _client.WaitUntilIdleAsync();
        var plain = (await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Messages.Single();

        Assert.True(highlighted.Highlighted);
        Assert.False(plain.Highlighted);
        Assert.Empty((await _client.MessagesAsync()).Single(m => m.Id == id).Reactions);
    }

    [Fact]
    public async Task Help_command_is_answered_to_its_author_only_and_stays_out_of_the_timeline()
    {
        await _client.SayAsync("alice", "/postmortem help");

        var forAlice = Assert.Single(await _client.BotMessagesAsync("alice"));
        Assert.Equal("alice", forAlice.EphemeralFor);
        Assert.Equal(PlaygroundChannel.BotName, forAlice.Author);
        Assert.Empty(await _client.BotMessagesAsync("bob"));
        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        Assert.Empty(snapshot.Messages);
    }

    [Fact]
    public async Task Start_posts_through_the_outbox_and_feeds_the_message_ids_back_to_the_session()
    {
        await _client.SayAsync("alice", "checkout is returning 500s");
        await _client.SayAsync("alice", "/postmortem start Checkout outage sev:SEV2");

        var botPosts = await _client.BotMessagesAsync("alice");
        Assert.NotEmpty(botPosts);
        Assert.All(botPosts, post => Assert.NotNull(post.ActionKey));
        var session = (await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Session;
        Assert.NotNull(session);
        Assert.Equal("Checkout outage", session.Title);
        var publicPosts = botPosts.Where(p => p.EphemeralFor is null).ToList();
        Assert.NotEmpty(publicPosts);
        Assert.All(publicPosts, post => Assert.Equal(post.Id, session.BotPosts[post.ActionKey!]));

        var snapshot = await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None);
        Assert.DoesNotContain(snapshot.Messages, m => m.Author.IsSelf || m.Author.Id == PlaygroundChannel.BotName);
    }

    [Fact]
    public async Task Rendered_postmortem_is_published_in_the_channel_and_served_as_a_page()
    {
        await _client.SayAsync("alice", "/postmortem start Cache <stampede>");
        await _client.SayAsync("alice", "/postmortem render");

        var markdown = await _client.PostmortemMarkdownAsync();
        Assert.NotNull(markdown);
        Assert.Contains("Cache <stampede>", markdown);

        var session = (await _host.Store.LoadChannelAsync(PlaygroundChannel.Ref, CancellationToken.None)).Session!;
        var http = _host.CreateClient();
        using var page = await http.GetAsync($"/postmortems/{session.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Cache &lt;stampede&gt;", html);
        Assert.DoesNotContain("<stampede>", html);

        using var md = await http.GetAsync($"/postmortems/{session.Id}.md");
        Assert.Equal("text/markdown", md.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Cache <stampede>", await md.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_postmortem_is_not_found()
    {
        using var response = await _host.CreateClient().GetAsync("/postmortems/nope.md");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Channel_survives_a_restart()
    {
        var id = await _client.PostAsync("alice", "before the restart");
        await _client.ReactAsync("bob", id, "✅");
        await _client.WaitUntilIdleAsync();

        await _host.RestartAsync();
        var client = _host.Playground();
        var second = await client.PostAsync("alice", "after the restart");

        var messages = await client.MessagesAsync();
        Assert.Equal(["before the restart", "after the restart"], messages.Select(m => m.Text));
        Assert.NotEqual(id, second);
        Assert.Equal(["bob"], messages[0].Reactions.Single().Users);
    }

    [Fact]
    public async Task Page_is_served_at_the_root()
    {
        using var response = await _host.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("playground.js", await response.Content.ReadAsStringAsync());
    }
}
