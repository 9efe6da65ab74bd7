using System.Text.Json.Nodes;
using Postmortem.Core.ActionItems;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Rendering;
using Postmortem.Teams.Outbound;

namespace Postmortem.Teams.Tests.Outbound;

public sealed class TeamsPlatformSenderTests : IAsyncLifetime
{
    private const string Sam = "29:1sam-user-id";
    private static readonly ChannelRef Channel = new("teams", OutboundTestHost.TenantId, OutboundTestHost.Channel, "incident-42");

    private readonly Dictionary<string, string> delivered = new(StringComparer.Ordinal);
    private OutboundTestHost host = null!;

    public async Task InitializeAsync() => host = await OutboundTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Top_level_post_in_a_channel_starts_its_own_thread_and_returns_the_root_id()
    {
        var result = await SendAsync(Post("s1:kickoff", new MessageContent("Postmortem started.", MessagePurpose.Kickoff)));

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("/v3/conversations", request.Path);
        Assert.Equal(OutboundTestHost.Channel, request.Body!["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.Equal("1780000000002", result.MessageId);
        var card = Card(request.Body["activity"]!);
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reply_by_thread_key_goes_into_the_chain_of_the_root_post()
    {
        var root = await SendAsync(Post("s1:chain:1", new MessageContent("Why 1?", MessagePurpose.WhyPrompt)));

        var reply = await SendAsync(Post("s1:chain:1:q2", new MessageContent("Why 2?", MessagePurpose.WhyPrompt)) with { ThreadKey = "s1:chain:1" });

        var request = host.Connector.Requests.Last();
        Assert.True(reply.Succeeded, reply.Error);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel};messageid={root.MessageId}/activities/{root.MessageId}", request.Path);
        Assert.Equal(root.MessageId, request.Body!["replyToId"]!.GetValue<string>());
        Assert.NotEqual(root.MessageId, reply.MessageId);
    }

    [Fact]
    public async Task Reply_to_a_thread_a_person_started_uses_its_id()
    {
        var result = await SendAsync(Post("s1:answer", new MessageContent("Noted.")) with { ThreadId = "1779000000000" });

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel};messageid=1779000000000/activities/1779000000000", request.Path);
    }

    [Fact]
    public async Task Reply_under_a_root_that_was_not_delivered_yet_is_retried_later()
    {
        var result = await SendAsync(Post("s1:q", new MessageContent("Why?")) with { ThreadKey = "s1:missing" });

        Assert.False(result.Succeeded);
        Assert.False(result.Permanent);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Update_puts_the_new_card_on_the_message_the_key_resolves_to()
    {
        var posted = await SendAsync(Post("s1:progress", new MessageContent("Collecting…", MessagePurpose.Progress)));

        var updated = await SendAsync(new UpdateMessage
        {
            Key = "s1:progress:done",
            Channel = Channel,
            TargetKey = "s1:progress",
            Content = new MessageContent("Collected 12 messages.", MessagePurpose.Progress),
        });

        var request = host.Connector.Requests.Last();
        Assert.True(updated.Succeeded, updated.Error);
        Assert.Equal(posted.MessageId, updated.MessageId);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel};messageid={posted.MessageId}/activities/{posted.MessageId}", request.Path);
        Assert.Contains("Collected 12 messages.", Card(request.Body!).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_of_a_reply_is_addressed_to_the_chain_it_lives_in()
    {
        var root = await SendAsync(Post("s1:root", new MessageContent("root")));
        var reply = await SendAsync(Post("s1:reply", new MessageContent("reply")) with { ThreadKey = "s1:root" });

        await SendAsync(new UpdateMessage { Key = "u", Channel = Channel, TargetKey = "s1:reply", Content = new MessageContent("edited") });

        var request = host.Connector.Requests.Last();
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel};messageid={root.MessageId}/activities/{reply.MessageId}", request.Path);
    }

    [Fact]
    public async Task Update_of_a_message_never_delivered_is_a_permanent_failure()
    {
        var result = await SendAsync(new UpdateMessage { Key = "u", Channel = Channel, TargetKey = "nope", Content = new MessageContent("x") });

        Assert.False(result.Succeeded);
        Assert.True(result.Permanent);
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task Neutral_mentions_become_at_tags_with_mention_entities()
    {
        host.Names.Remember(Sam, "Sam Rivera");

        await SendAsync(Post("s1:m", new MessageContent($"Thanks {Mention.Of(Sam)} and <@29:2ana|Ana>.")));

        var card = Card(host.Connector.Requests.Single().Body!["activity"]!);
        var text = string.Join("\n", card["body"]!.AsArray().Select(b => b!["text"]?.GetValue<string>()));
        Assert.Contains("Thanks <at>Sam Rivera</at> and <at>Ana</at>.", text, StringComparison.Ordinal);
        var entities = card["msteams"]!["entities"]!.AsArray();
        Assert.Equal(2, entities.Count);
        Assert.Equal("mention", entities[0]!["type"]!.GetValue<string>());
        Assert.Equal("<at>Sam Rivera</at>", entities[0]!["text"]!.GetValue<string>());
        Assert.Equal(Sam, entities[0]!["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal("Sam Rivera", entities[0]!["mentioned"]!["name"]!.GetValue<string>());
        Assert.Equal("29:2ana", entities[1]!["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ephemeral_reply_is_a_visible_reply_that_mentions_its_user_first()
    {
        host.Names.Remember(Sam, "Sam Rivera");

        var result = await SendAsync(new PostEphemeral
        {
            Key = "s1:usage",
            Channel = Channel,
            UserId = Sam,
            ThreadId = "1779000000000",
            Content = new MessageContent("Usage: /postmortem start", MessagePurpose.Help),
        });

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel};messageid=1779000000000/activities/1779000000000", request.Path);
        var card = Card(request.Body!);
        var lines = card["body"]!.AsArray().Select(b => b!["text"]!.GetValue<string>()).ToList();
        Assert.StartsWith("<at>Sam Rivera</at> Usage", lines[1], StringComparison.Ordinal);
        Assert.Equal(Sam, card["msteams"]!["entities"]![0]!["mentioned"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ephemeral_reply_without_a_thread_is_posted_to_the_channel()
    {
        await SendAsync(new PostEphemeral { Key = "e", Channel = Channel, UserId = Sam, Content = new MessageContent("Not now.") });

        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal($"/v3/conversations/{OutboundTestHost.Channel}/activities", request.Path);
    }

    [Fact]
    public async Task Summary_is_posted_the_first_time_and_updated_in_place_after()
    {
        var publish = new PublishPostmortem
        {
            Key = "s1:publish:1",
            Channel = Channel,
            SummaryKey = "s1:summary",
            Document = new PostmortemDocument { SessionId = "s1", Title = "Checkout outage" },
            Markdown = "# Postmortem",
            FileName = "postmortem.md",
        };

        var first = await SendAsync(publish);
        var second = await SendAsync(publish with { Key = "s1:publish:2" });

        var requests = host.Connector.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("/v3/conversations", requests[0].Path);
        Assert.Equal("PUT", requests[1].Method);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Contains("https://pm.example.com/postmortems/s1", Card(requests[1].Body!).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_history_says_which_history_the_bot_has()
    {
        var result = await SendAsync(new CollectHistory { Key = "c", Channel = Channel, ProgressKey = "p" });

        Assert.True(result.Succeeded);
        Assert.NotNull(result.MessageId);
        var request = Assert.Single(host.Connector.Requests);
        Assert.Contains("no channel history without Microsoft Graph", request.Body!.ToJsonString());
    }

    [Fact]
    public async Task Conversation_without_a_known_serviceUrl_fails_permanently_and_sends_nothing()
    {
        var elsewhere = Channel with { ChannelId = "19:never-seen@thread.tacv2" };

        var result = await SendAsync(new PostMessage { Key = "k", Channel = elsewhere, Content = new MessageContent("hi") });

        Assert.False(result.Succeeded);
        Assert.True(result.Permanent);
        Assert.Contains("no serviceUrl", result.Error, StringComparison.Ordinal);
        Assert.Empty(host.Connector.Requests);
        Assert.Equal(0, host.Connector.TokenRequests);
    }

    [Fact]
    public async Task Long_message_goes_out_in_parts_continuing_in_the_thread_of_the_first()
    {
        var text = string.Join("\n", Enumerable.Range(1, 900).Select(i => $"Line {i}: the quick brown fox jumps over the lazy dog."));

        var result = await SendAsync(Post("s1:long", new MessageContent(text, MessagePurpose.Status)));

        var requests = host.Connector.Requests.ToArray();
        Assert.True(result.Succeeded, result.Error);
        Assert.True(requests.Length > 1);
        Assert.Equal("/v3/conversations", requests[0].Path);
        Assert.All(requests.Skip(1), r => Assert.Contains($";messageid={result.MessageId}/", r.Path, StringComparison.Ordinal));
        var all = string.Concat(requests.Select(r => r.Body!.ToJsonString()));
        Assert.Contains("Line 900:", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_chat_post_goes_to_the_conversation_without_a_thread()
    {
        var chat = Channel with { ChannelId = "19:group-chat@thread.v2" };
        await host.ServiceUrls.RememberAsync(chat.TenantId, chat.ChannelId, host.ServiceUrl, default);

        var result = await SendAsync(new PostMessage { Key = "k", Channel = chat, Content = new MessageContent("hi") });

        var request = Assert.Single(host.Connector.Requests);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("/v3/conversations/19:group-chat@thread.v2/activities", request.Path);
    }

    [Fact]
    public async Task Action_item_post_carries_confirm_and_decline_buttons()
    {
        var item = new ActionItem
        {
            Number = 1,
            Change = "Add an expiry alert for the API cert",
            OwnerId = Sam,
            Due = new DateOnly(2026, 11, 27),
            DoneWhen = "the alert fires in staging",
            ProposedBy = Sam,
            ProposedAt = host.Time.GetUtcNow(),
            MessageKey = "s1:item:1",
        };

        await SendAsync(Post("s1:item:1", new MessageContent("Action item #1", MessagePurpose.ActionItem)
        {
            Item = item,
            Buttons = [new MessageButton(ButtonIds.ConfirmItem, "Confirm", "1", Primary: true), new MessageButton(ButtonIds.DeclineItem, "Decline", "1")],
        }));

        var card = Card(host.Connector.Requests.Single().Body!["activity"]!);
        var verbs = card["actions"]!.AsArray().Select(a => a!["verb"]!.GetValue<string>());
        Assert.Equal([ButtonIds.ConfirmItem, ButtonIds.DeclineItem], verbs);
    }

    private static PostMessage Post(string key, MessageContent content) => new() { Key = key, Channel = Channel, Content = content };

    private static JsonObject Card(JsonNode activity)
    {
        var attachment = activity["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        return attachment["content"]!.AsObject();
    }

    private async Task<TeamsDeliveryResult> SendAsync(ChatAction action)
    {
        var result = await host.Sender.SendAsync(
            action,
            (key, _) => Task.FromResult(delivered.TryGetValue(key, out var id) ? id : null),
            default).WaitAsync(TimeSpan.FromSeconds(20));
        if (result.Succeeded && result.MessageId is { } messageId)
        {
            delivered[action is PublishPostmortem publish ? publish.SummaryKey : action.Key] = messageId;
        }

        return result;
    }
}
