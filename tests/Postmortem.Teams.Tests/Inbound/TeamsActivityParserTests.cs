using System.Text.Json.Nodes;
using Postmortem.Core.Events;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Tests.Payloads;

namespace Postmortem.Teams.Tests.Inbound;

public sealed class TeamsActivityParserTests
{
    private const string Channel = "19:incident42channel@thread.tacv2";
    private readonly TeamsActivityParser parser = new();

    [Fact]
    public void Top_level_channel_message_is_posted_with_plain_text_and_neutral_mentions()
    {
        var posted = Single<MessagePosted>(TestPayloads.Load("message-channel-top-level.json"));

        Assert.Equal("Checkout is failing for <@29:bob-opaque-id> & others\nsee status page (https://status.example.com/1)\nerror rate 12%", posted.Text);
        Assert.Equal("Bob Builder", posted.MentionNames!["29:bob-opaque-id"]);
        Assert.Equal("1770000000001", posted.MessageId);
        Assert.Null(posted.ThreadId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 5, 10, 123, TimeSpan.Zero).AddTicks(4567), posted.OccurredAt);
        Assert.Equal(TimeSpan.Zero, posted.OccurredAt.Offset);
    }

    [Fact]
    public void Channel_is_the_conversation_without_the_messageid_suffix_and_carries_tenant_and_name()
    {
        var posted = Single<MessagePosted>(TestPayloads.Load("message-channel-top-level.json"));

        Assert.Equal(new Postmortem.Core.Chat.ChannelRef("teams", "tenant-contoso", Channel, "inc-42-checkout"), posted.Channel);
    }

    [Fact]
    public void Tenant_falls_back_to_conversation_tenantId()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["channelData"]!.AsObject().Remove("tenant");
        activity["conversation"]!["tenantId"] = "tenant-from-conversation";

        Assert.Equal("tenant-from-conversation", Single<MessagePosted>(activity).Channel.TenantId);
    }

    [Fact]
    public void Reply_in_a_channel_thread_without_a_bot_mention_is_posted_in_that_thread()
    {
        var posted = Single<MessagePosted>(TestPayloads.Load("message-channel-thread-reply.json"));

        Assert.Equal("1770000000500", posted.ThreadId);
        Assert.Equal("1770000000777", posted.MessageId);
        Assert.Equal("Because the connection pool was capped at 10", posted.Text);
        Assert.False(posted.HasFile);
        Assert.Equal($"{Channel};messageid=1770000000500:1770000000777:message", posted.EventId);
    }

    [Fact]
    public void Bot_mention_becomes_a_command_with_the_mention_stripped_and_the_thread_kept()
    {
        var command = MentionCommand(TestPayloads.Load("message-channel-command-in-thread.json"));

        Assert.Equal("start Checkout errors sev:SEV2", command.Text);
        Assert.Equal("1770000000500", command.ThreadId);
        Assert.Equal("1770000000900", command.MessageId);
        Assert.Equal(new Postmortem.Core.Chat.ChatUser("29:alice-opaque-id", "Alice Example"), command.User);
        Assert.Null(command.MentionNames);
    }

    [Fact]
    public void Bot_mention_in_a_channel_is_also_collected_as_said_with_the_bots_mention()
    {
        var events = Events(TestPayloads.Load("message-channel-command-in-thread.json"));

        var posted = Assert.IsType<MessagePosted>(events[0]);
        Assert.Equal("<@28:postmortem-bot-app-id> start Checkout errors sev:SEV2", posted.Text);
        Assert.Equal("Postmortem", posted.MentionNames!["28:postmortem-bot-app-id"]);
        Assert.Equal(new Postmortem.Core.Chat.ChatUser("29:alice-opaque-id", "Alice Example"), posted.Author);
    }

    [Fact]
    public void Bot_mention_on_a_top_level_message_is_a_command_without_a_thread()
    {
        var activity = TestPayloads.Load("message-channel-command-in-thread.json");
        activity["conversation"]!["id"] = Channel + ";messageid=1770000000900";

        Assert.Null(MentionCommand(activity).ThreadId);
    }

    [Fact]
    public void Bot_mention_is_removed_by_the_entity_text_not_by_the_bot_name()
    {
        var activity = TestPayloads.Load("message-channel-command-in-thread.json");
        activity["text"] = "<at>Post mortem bot</at> action fix the pool @Carol by Friday done when load test passes with <at>Carol Example</at>";
        activity["entities"] = new JsonArray(
            Mention("28:postmortem-bot-app-id", "Postmortem", "<at>Post mortem bot</at>"),
            Mention("29:carol-opaque-id", "Carol Example", "<at>Carol Example</at>"));

        var command = MentionCommand(activity);

        Assert.Equal("action fix the pool @Carol by Friday done when load test passes with <@29:carol-opaque-id>", command.Text);
        Assert.Equal("Carol Example", command.MentionNames!["29:carol-opaque-id"]);
    }

    [Fact]
    public void Mention_whose_entity_text_differs_from_the_text_falls_back_to_the_at_tag_of_its_name()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["text"] = "Hey <at>Pranav Smith</at> check this";
        activity["entities"] = new JsonArray(Mention("29:pranav", "Pranav Smith", "<at>@Pranav Smith</at>"));

        var posted = Single<MessagePosted>(activity);

        Assert.Equal("Hey <@29:pranav> check this", posted.Text);
    }

    [Fact]
    public void Same_person_mentioned_twice_gets_two_tokens()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["text"] = "<at>Bob</at> and <at>Bob</at> again";
        activity["entities"] = new JsonArray(Mention("29:abc", "Bob", "<at>Bob</at>"), Mention("29:abc", "Bob", "<at>Bob</at>"));

        Assert.Equal("<@29:abc> and <@29:abc> again", Single<MessagePosted>(activity).Text);
    }

    [Fact]
    public void Personal_chat_message_is_a_command_even_without_a_mention()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["id"] = "a:personal-chat", ["tenantId"] = "tenant-contoso" };
        activity["text"] = "help";

        var command = Single<CommandInvoked>(activity);

        Assert.Equal("help", command.Text);
        Assert.Equal("a:personal-chat", command.Channel.ChannelId);
    }

    [Fact]
    public void Message_with_a_file_attachment_is_marked_as_having_a_file()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["attachments"]!.AsArray().Add(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = "grafana.png",
        });

        Assert.True(Single<MessagePosted>(activity).HasFile);
    }

    [Fact]
    public void Bot_mention_with_a_file_attachment_is_a_command_marked_as_having_a_file()
    {
        var activity = TestPayloads.Load("message-channel-command-in-thread.json");
        Assert.False(MentionCommand(activity).HasFile);
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
            ["name"] = "grafana.png",
        });

        Assert.True(MentionCommand(activity).HasFile);
    }

    [Theory]
    [InlineData("bot", "29:alert-tool", true, false)]
    [InlineData(null, "28:pagerduty-bot", true, false)]
    [InlineData(null, "29:person", false, false)]
    [InlineData(null, "28:postmortem-bot-app-id", true, true)]
    public void Author_is_marked_as_bot_or_self(string? role, string fromId, bool isBot, bool isSelf)
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["from"] = new JsonObject { ["id"] = fromId, ["name"] = "Someone", ["role"] = role };

        var author = Single<MessagePosted>(activity).Author;

        Assert.Equal(isBot, author.IsBot);
        Assert.Equal(isSelf, author.IsSelf);
    }

    [Fact]
    public void OccurredAt_is_the_activity_timestamp_not_the_local_timestamp()
    {
        var activity = TestPayloads.Load("message-channel-top-level.json");
        activity["localTimestamp"] = "2020-01-01T00:00:00+09:00";

        Assert.Equal(DateTimeOffset.Parse("2026-03-02T14:05:10.1234567Z", System.Globalization.CultureInfo.InvariantCulture), Single<MessagePosted>(activity).OccurredAt);
    }

    [Fact]
    public void Edit_becomes_MessageEdited_in_the_thread()
    {
        var edited = Single<MessageEdited>(TestPayloads.Load("messageUpdate-edit-channel.json"));

        Assert.Equal("1770000000777", edited.MessageId);
        Assert.Equal("1770000000500", edited.ThreadId);
        Assert.Equal("Because the connection pool was capped at 10 (see PR 123)", edited.NewText);
    }

    [Fact]
    public void Two_edits_of_one_message_have_different_event_ids_and_a_resend_the_same()
    {
        var first = TestPayloads.Load("messageUpdate-edit-channel.json");
        var second = TestPayloads.Load("messageUpdate-edit-channel.json");
        second["timestamp"] = "2026-03-02T14:26:00Z";

        Assert.NotEqual(Single<MessageEdited>(first).EventId, Single<MessageEdited>(second).EventId);
        Assert.Equal(Single<MessageEdited>(first).EventId, Single<MessageEdited>(TestPayloads.Load("messageUpdate-edit-channel.json")).EventId);
    }

    [Fact]
    public void Undelete_brings_the_text_back_as_an_edit()
    {
        var activity = TestPayloads.Load("messageUpdate-edit-channel.json");
        activity["channelData"]!["eventType"] = "undeleteMessage";

        var edited = Single<MessageEdited>(activity);

        Assert.Equal("Because the connection pool was capped at 10 (see PR 123)", edited.NewText);
        Assert.Contains("undeleteMessage", edited.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Soft_delete_becomes_MessageDeleted()
    {
        var deleted = Single<MessageDeleted>(TestPayloads.Load("messageDelete-channel.json"));

        Assert.Equal("1770000000777", deleted.MessageId);
        Assert.Equal("1770000000500", deleted.ThreadId);
    }

    [Fact]
    public void Reaction_uses_the_legacy_replyToId_inside_channelData_when_replyToId_is_absent()
    {
        var added = Single<ReactionAdded>(TestPayloads.Load("messageReaction-channel.json"));

        Assert.Equal("1770000000888", added.MessageId);
        Assert.Equal(ReactionKind.Confirm, added.Kind);
        Assert.Equal("like", added.Name);
        Assert.Equal("29:alice-opaque-id", added.User.Id);
    }

    [Fact]
    public void Reaction_prefers_replyToId_over_legacy()
    {
        var activity = TestPayloads.Load("messageReaction-channel.json");
        activity["replyToId"] = "1770000000999";

        Assert.Equal("1770000000999", Single<ReactionAdded>(activity).MessageId);
    }

    [Fact]
    public void Added_and_removed_reactions_of_one_activity_become_separate_events_with_distinct_ids()
    {
        var activity = TestPayloads.Load("messageReaction-channel.json");
        activity["reactionsAdded"]!.AsArray().Add(new JsonObject { ["type"] = "📌" });
        activity["reactionsRemoved"] = new JsonArray(new JsonObject { ["type"] = "like" });

        var events = Events(activity);

        Assert.Collection(
            events,
            e => Assert.Equal(ReactionKind.Confirm, Assert.IsType<ReactionAdded>(e).Kind),
            e => Assert.Equal(ReactionKind.Highlight, Assert.IsType<ReactionAdded>(e).Kind),
            e => Assert.Equal(ReactionKind.Confirm, Assert.IsType<ReactionRemoved>(e).Kind));
        Assert.Equal(3, events.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void Reaction_without_any_message_reference_is_malformed()
    {
        var activity = TestPayloads.Load("messageReaction-channel.json");
        activity["channelData"]!.AsObject().Remove("legacy");

        Assert.IsType<TeamsInbound.Malformed>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Fact]
    public void Card_action_becomes_ButtonPressed_on_the_card_message()
    {
        var pressed = Single<ButtonPressed>(TestPayloads.Load("invoke-card-action-channel.json"));

        Assert.Equal("item.confirm", pressed.ActionId);
        Assert.Equal("3", pressed.Value);
        Assert.Equal("1770000000888", pressed.MessageId);
        Assert.Equal("29:bob-opaque-id", pressed.User.Id);
        Assert.EndsWith(":f:invoke-activity-1:invoke:item.confirm", pressed.EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_action_without_actionId_in_data_uses_the_verb()
    {
        var activity = TestPayloads.Load("invoke-card-action-channel.json");
        activity["value"]!["action"]!["data"] = new JsonObject { ["value"] = "7" };
        activity["value"]!["action"]!["verb"] = "postmortem.render";

        var pressed = Single<ButtonPressed>(activity);

        Assert.Equal("postmortem.render", pressed.ActionId);
        Assert.Equal("7", pressed.Value);
    }

    [Fact]
    public void Other_invokes_are_ignored()
    {
        var activity = TestPayloads.Load("invoke-card-action-channel.json");
        activity["name"] = "composeExtension/query";

        Assert.IsType<TeamsInbound.Ignored>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Fact]
    public void Bot_added_to_a_team_is_a_welcome_not_an_event()
    {
        var welcome = Assert.IsType<TeamsInbound.Welcome>(parser.Parse(TestPayloads.Bytes(TestPayloads.Load("conversationUpdate-bot-added.json"))));

        Assert.Equal("19:generalchannel@thread.tacv2", welcome.ConversationId);
        Assert.Equal("tenant-contoso", welcome.Channel.TenantId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", welcome.ServiceUrl);
    }

    [Fact]
    public void Someone_else_joining_is_ignored()
    {
        var activity = TestPayloads.Load("conversationUpdate-bot-added.json");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:new-person" });

        Assert.IsType<TeamsInbound.Ignored>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("installationUpdate")]
    [InlineData("event")]
    public void Unused_activity_types_are_ignored(string type)
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["type"] = type;

        Assert.IsType<TeamsInbound.Ignored>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("timestamp")]
    [InlineData("conversation")]
    [InlineData("from")]
    [InlineData("type")]
    public void Message_missing_a_required_field_is_malformed(string field)
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity.Remove(field);

        Assert.IsType<TeamsInbound.Malformed>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Fact]
    public void Message_without_any_tenant_is_malformed()
    {
        var activity = TestPayloads.Load("message-channel-thread-reply.json");
        activity["channelData"]!.AsObject().Remove("tenant");
        activity["conversation"]!.AsObject().Remove("tenantId");

        Assert.IsType<TeamsInbound.Malformed>(parser.Parse(TestPayloads.Bytes(activity)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    public void Body_that_is_not_an_activity_is_malformed(string body) =>
        Assert.IsType<TeamsInbound.Malformed>(parser.Parse(System.Text.Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Unknown_fields_survive_in_the_activity_records()
    {
        var activity = TestPayloads.Load("message-channel-top-level.json");
        activity["somethingNew"] = new JsonObject { ["x"] = 1 };

        var read = Postmortem.Teams.Activities.TeamsJson.ReadActivity(TestPayloads.Bytes(activity));
        var written = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(read, Postmortem.Teams.Activities.TeamsJson.Options))!;

        Assert.Equal(1, (int)written["somethingNew"]!["x"]!);
        Assert.Equal("19:teamid@thread.tacv2", (string?)written["channelData"]!["team"]!["id"]);
        Assert.Equal("en-GB", (string?)written["locale"]);
    }

    private static JsonObject Mention(string id, string name, string text) => new()
    {
        ["type"] = "mention",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
        ["text"] = text,
    };

    private IReadOnlyList<ChatEvent> Events(JsonObject activity)
    {
        var inbound = parser.Parse(TestPayloads.Bytes(activity));
        return Assert.IsType<TeamsInbound.Events>(inbound).Items;
    }

    /// <summary>A channel message that mentions the bot: its collected copy first, then the command it gives.</summary>
    private CommandInvoked MentionCommand(JsonObject activity)
    {
        var events = Events(activity);
        Assert.Equal(2, events.Count);
        var posted = Assert.IsType<MessagePosted>(events[0]);
        var command = Assert.IsType<CommandInvoked>(events[1]);
        Assert.True(posted.AddressesBot);
        Assert.Equal(command.MessageId, posted.MessageId);
        Assert.Equal(command.ThreadId, posted.ThreadId);
        Assert.Equal(command.HasFile, posted.HasFile);
        Assert.NotEqual(command.EventId, posted.EventId);
        return command;
    }

    private T Single<T>(JsonObject activity)
        where T : ChatEvent =>
        Assert.IsType<T>(Assert.Single(Events(activity)));
}
