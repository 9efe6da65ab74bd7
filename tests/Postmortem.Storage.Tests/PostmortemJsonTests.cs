using System.Text.Json;
using System.Text.Json.Nodes;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Rendering;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;
using Postmortem.Core.Whys;
using static Postmortem.Storage.Tests.TestData;

namespace Postmortem.Storage.Tests;

public sealed class PostmortemJsonTests
{
    [Fact]
    public void A_timeline_message_is_stored_without_its_unset_fields_and_reads_back_equal()
    {
        var plain = new TimelineMessage
        {
            MessageId = "1795436853.000001",
            Author = new ChatUser("U1", "alice"),
            Text = "rolled back the deploy",
            PostedAt = new DateTimeOffset(2026, 11, 23, 12, 27, 33, TimeSpan.Zero),
        };
        var full = plain with
        {
            ThreadId = "1795436800.000100",
            Author = new ChatUser("B1", "alerts", IsBot: true, IsSelf: true),
            EditedAt = plain.PostedAt.AddMinutes(2),
            Link = "https://acme.slack.com/archives/C1/p1795436853000001",
            HasFile = true,
            Highlighted = true,
        };

        var plainJson = JsonSerializer.Serialize(plain, PostmortemJson.Options);

        Assert.Equal(
            """{"messageId":"1795436853.000001","author":{"id":"U1","displayName":"alice"},"text":"rolled back the deploy","postedAt":"2026-11-23T12:27:33+00:00"}""",
            plainJson);
        Assert.Equal(plain, JsonSerializer.Deserialize<TimelineMessage>(plainJson, PostmortemJson.Options));
        Assert.Equal(full, JsonSerializer.Deserialize<TimelineMessage>(JsonSerializer.Serialize(full, PostmortemJson.Options), PostmortemJson.Options));
    }

    [Fact]
    public void A_timeline_message_stored_with_every_field_still_reads()
    {
        const string Written = """{"messageId":"m1","threadId":null,"author":{"id":"U1","displayName":"alice","isBot":false,"isSelf":false},"text":"hi","postedAt":"2026-11-23T12:27:33+00:00","editedAt":null,"link":null,"hasFile":false,"highlighted":false}""";

        var message = JsonSerializer.Deserialize<TimelineMessage>(Written, PostmortemJson.Options)!;

        Assert.Equal(new ChatUser("U1", "alice"), message.Author);
        Assert.Null(message.ThreadId);
        Assert.False(message.HasFile);
    }

    [Fact]
    public void A_timeline_row_leaves_out_the_message_id_and_takes_it_back_from_its_key()
    {
        var message = new TimelineMessage
        {
            MessageId = "1795436853.000001",
            ThreadId = "1795436800.000100",
            Author = new ChatUser("U1", "alice"),
            Text = "rolled back the deploy",
            PostedAt = new DateTimeOffset(2026, 11, 23, 12, 27, 33, TimeSpan.Zero),
        };

        var row = PostmortemJson.SerializeTimelineRow(message);

        Assert.Equal(
            """{"threadId":"1795436800.000100","author":{"id":"U1","displayName":"alice"},"text":"rolled back the deploy","postedAt":"2026-11-23T12:27:33+00:00"}""",
            row);
        Assert.Equal(message, PostmortemJson.ReadTimelineRow(row, "1795436853.000001"));
        // Everything else stored with these options keeps the id: only the row's own JSON leaves it out.
        Assert.Contains("\"messageId\"", JsonSerializer.Serialize(message, PostmortemJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_timeline_row_written_with_its_message_id_still_reads()
    {
        const string Written = """{"messageId":"m1","author":{"id":"U1","displayName":"alice"},"text":"hi","postedAt":"2026-11-23T12:27:33+00:00"}""";

        var message = PostmortemJson.ReadTimelineRow(Written, "m1");

        Assert.Equal("m1", message.MessageId);
        Assert.Equal("hi", message.Text);
    }

    [Fact]
    public void Session_round_trips_with_chains_answers_items_marks_notes_posts_and_people()
    {
        var session = FullSession();

        var json = JsonSerializer.Serialize(session, PostmortemJson.Options);
        var back = JsonSerializer.Deserialize<PostmortemSession>(json, PostmortemJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, PostmortemJson.Options));
        Assert.Equal(session.Channel, back.Channel);
        Assert.Equal(Severity.Sev2, back.Severity);
        Assert.Equal(session.Since, back.Since);
        Assert.Equal(SessionStatus.InReview, back.Status);
        Assert.Equal(session.Marks, back.Marks);
        Assert.Equal(session.Notes, back.Notes);
        Assert.Equal(2, back.Chains.Count);
        Assert.Equal(session.Chains[0].Answers, back.Chains[0].Answers);
        Assert.Equal("m12", back.Chains[0].Answers[1].EvidenceMessageId);
        Assert.Equal(CauseKind.Latent, back.Chains[0].CauseKind);
        Assert.Equal(ChainStage.Closed, back.Chains[0].Stage);
        Assert.Equal("No expiry alert", back.Chains[0].DetectionGap);
        Assert.Empty(back.Chains[1].Answers);
        Assert.Equal(session.Items, back.Items);
        Assert.Equal(new DateOnly(2026, 12, 5), back.Items[0].Due);
        Assert.Equal(session.BotPosts.OrderBy(p => p.Key), back.BotPosts.OrderBy(p => p.Key));
        Assert.Equal("Bo", back.DisplayName("U2"));
        Assert.Equal(session.AccuracyConfirmations, back.AccuracyConfirmations);
        Assert.Equal(2, back.Renders);
    }

    [Fact]
    public void Default_session_collections_round_trip_empty()
    {
        var back = JsonSerializer.Deserialize<PostmortemSession>(JsonSerializer.Serialize(Session(), PostmortemJson.Options), PostmortemJson.Options)!;

        Assert.Empty(back.Chains);
        Assert.Empty(back.BotPosts);
        Assert.Empty(back.People);
        Assert.Equal(Severity.Unknown, back.Severity);
    }

    public static TheoryData<ChatEvent, string> Events() => new()
    {
        { Message("e1"), "message_posted" },
        { new MessageEdited { EventId = "e2", Channel = Channel, OccurredAt = Start, MessageId = "m1", NewText = "edited" }, "message_edited" },
        { new MessageDeleted { EventId = "e3", Channel = Channel, OccurredAt = Start, MessageId = "m1", ThreadId = "t1" }, "message_deleted" },
        { new ReactionAdded { EventId = "e4", Channel = Channel, OccurredAt = Start, MessageId = "m1", User = Ana, Kind = ReactionKind.Confirm, Name = "white_check_mark" }, "reaction_added" },
        { new ReactionRemoved { EventId = "e5", Channel = Channel, OccurredAt = Start, MessageId = "m1", User = Ana, Kind = ReactionKind.Highlight }, "reaction_removed" },
        { new CommandInvoked { EventId = "e6", Channel = Channel, OccurredAt = Start, User = Ana, Text = "status" }, "command_invoked" },
        { new ButtonPressed { EventId = "e7", Channel = Channel, OccurredAt = Start, User = Ana, ActionId = ButtonIds.ConfirmItem, Value = "1" }, "button_pressed" },
        { new BotMessageDelivered { EventId = "e8", Channel = Channel, OccurredAt = Start, ActionKey = "s1:chain:1", MessageId = "ts" }, "bot_message_delivered" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_kind_round_trips_with_its_kind(ChatEvent chatEvent, string kind)
    {
        var json = JsonSerializer.Serialize(chatEvent, PostmortemJson.Options);
        var back = JsonSerializer.Deserialize<ChatEvent>(json, PostmortemJson.Options)!;

        Assert.Equal(kind, JsonNode.Parse(json)!["eventType"]!.GetValue<string>());
        Assert.IsType(chatEvent.GetType(), back);
        Assert.Equal(json, JsonSerializer.Serialize(back, PostmortemJson.Options));
    }

    public static TheoryData<ChatAction, string> Actions() => new()
    {
        { Post("k1") with { ThreadKey = "s1:chain:1" }, "post_message" },
        { new UpdateMessage { Key = "k2", Channel = Channel, TargetKey = "k1", Content = new MessageContent("done", MessagePurpose.Progress) }, "update_message" },
        {
            new PostEphemeral
            {
                Key = "k3", Channel = Channel, UserId = "U1",
                Content = new MessageContent("usage", MessagePurpose.Help) { Buttons = [new MessageButton(ButtonIds.Render, "Render", Primary: true)] },
            },
            "post_ephemeral"
        },
        { new CollectHistory { Key = "k4", Channel = Channel, Since = Start.AddHours(-3), ProgressKey = "k1" }, "collect_history" },
        {
            new PublishPostmortem
            {
                Key = "k5", Channel = Channel, SummaryKey = "s1:summary", FileName = "postmortem.md", Markdown = "# API outage",
                Document = new PostmortemDocument { SessionId = "s1", Title = "API outage" },
            },
            "publish_postmortem"
        },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_kind_round_trips_with_its_kind(ChatAction action, string kind)
    {
        var json = JsonSerializer.Serialize(action, PostmortemJson.Options);
        var back = JsonSerializer.Deserialize<ChatAction>(json, PostmortemJson.Options)!;

        Assert.Equal(kind, JsonNode.Parse(json)!["actionType"]!.GetValue<string>());
        Assert.IsType(action.GetType(), back);
        Assert.Equal(json, JsonSerializer.Serialize(back, PostmortemJson.Options));
    }

    [Fact]
    public void Reaction_kind_is_kept_beside_the_event_kind()
    {
        ChatEvent reaction = new ReactionRemoved { EventId = "e1", Channel = Channel, OccurredAt = Start, MessageId = "m1", User = Ana, Kind = ReactionKind.Decline };

        var json = JsonSerializer.Serialize(reaction, PostmortemJson.Options);
        var back = Assert.IsType<ReactionRemoved>(JsonSerializer.Deserialize<ChatEvent>(json, PostmortemJson.Options));

        Assert.Equal("reaction_removed", JsonNode.Parse(json)!["eventType"]!.GetValue<string>());
        Assert.Equal("decline", JsonNode.Parse(json)!["kind"]!.GetValue<string>());
        Assert.Equal(ReactionKind.Decline, back.Kind);
    }

    [Fact]
    public void Action_item_in_a_message_round_trips()
    {
        var item = FullSession().Items[0];
        var action = Post("k1") with { Content = new MessageContent("Action item #1: …", MessagePurpose.ActionItem) { Item = item } };

        var back = (PostMessage)JsonSerializer.Deserialize<ChatAction>(JsonSerializer.Serialize<ChatAction>(action, PostmortemJson.Options), PostmortemJson.Options)!;

        Assert.Equal(item, back.Content.Item);
        Assert.Equal(MessagePurpose.ActionItem, back.Content.Purpose);
    }

    [Fact]
    public void A_built_postmortem_document_round_trips_in_a_publish_action()
    {
        var timeline = new ChannelTimeline(
        [
            Line("m1", Start.AddMinutes(-50), "alert: API 5xx above 5%") with { Highlighted = true },
            Line("m2", Start.AddMinutes(-40), "declaring an incident") with { ThreadId = "m1" },
            Line("m3", Start.AddMinutes(30), "resolved, cert renewed"),
        ]);
        var document = PostmortemDocumentBuilder.Build(FullSession(), timeline, Start.AddHours(3));
        ChatAction publish = new PublishPostmortem
        {
            Key = "s1:render:1", Channel = Channel, SummaryKey = "s1:summary", FileName = "pm.md",
            Markdown = MarkdownRenderer.Render(document), Document = document,
        };

        var json = JsonSerializer.Serialize(publish, PostmortemJson.Options);
        var back = Assert.IsType<PublishPostmortem>(JsonSerializer.Deserialize<ChatAction>(json, PostmortemJson.Options));

        Assert.Equal(json, JsonSerializer.Serialize<ChatAction>(back, PostmortemJson.Options));
        Assert.Equal(MarkdownRenderer.Render(document), MarkdownRenderer.Render(back.Document));
    }

    [Fact]
    public void Names_are_camelCase_and_enums_are_strings()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(FullSession(), PostmortemJson.Options))!;

        Assert.Equal("sev2", json["severity"]!.GetValue<string>());
        Assert.Equal("inReview", json["status"]!.GetValue<string>());
        Assert.Equal("latent", json["chains"]![0]!["causeKind"]!.GetValue<string>());
        Assert.Equal("T1", json["channel"]!["tenantId"]!.GetValue<string>());
    }

    [Fact]
    public void Derived_values_are_not_stored()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(FullSession(), PostmortemJson.Options))!.AsObject();
        var message = JsonNode.Parse(JsonSerializer.Serialize(Line("m1", Start), PostmortemJson.Options))!.AsObject();

        Assert.False(json.ContainsKey("summaryKey"));
        Assert.False(json["channel"]!.AsObject().ContainsKey("key"));
        Assert.False(json["chains"]![0]!.AsObject().ContainsKey("conclusion"));
        Assert.False(message.ContainsKey("isAlert"));
        Assert.False(message.ContainsKey("isReply"));
    }

    [Fact]
    public void Kind_may_come_after_other_properties()
    {
        const string json = """
            {"eventId":"e1","channel":{"platform":"slack","tenantId":"T1","channelId":"C1"},"occurredAt":"2026-11-20T14:00:00+00:00",
             "messageId":"m1","author":{"id":"U1","displayName":"Ana"},"text":"hi","eventType":"message_posted"}
            """;

        var back = Assert.IsType<MessagePosted>(JsonSerializer.Deserialize<ChatEvent>(json, PostmortemJson.Options));

        Assert.Equal("hi", back.Text);
    }

    [Fact]
    public void Timeline_message_round_trips()
    {
        var message = Line("m1", Start) with { ThreadId = "t0", EditedAt = Start.AddMinutes(1), Link = "https://x.slack.com/p1", HasFile = true, Highlighted = true };

        var back = JsonSerializer.Deserialize<TimelineMessage>(JsonSerializer.Serialize(message, PostmortemJson.Options), PostmortemJson.Options);

        Assert.Equal(message, back);
    }

    [Fact]
    public void Options_are_shared_and_read_only()
    {
        Assert.Same(PostmortemJson.Options, PostmortemJson.Options);
        Assert.True(PostmortemJson.Options.IsReadOnly);
    }
}
