using System.Text;
using Microsoft.Extensions.Time.Testing;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Slack.Inbound;
using Postmortem.Slack.Tests.Payloads;

namespace Postmortem.Slack.Tests.Inbound;

public sealed class SlackInboundParserTests
{
    private const string Json = "application/json";
    private const string Form = "application/x-www-form-urlencoded";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private readonly SlackInboundParser _parser = new(TestSlackOptions.Create(), new FakeTimeProvider(Now));

    private T Single<T>(string fileName, string contentType = Json)
        where T : ChatEvent
    {
        var result = _parser.Parse(contentType, Payload.Bytes(fileName));
        var events = Assert.IsType<SlackInbound.Events>(result);
        return Assert.IsType<T>(Assert.Single(events.Items));
    }

    private SlackInbound.Events Ignored(string fileName)
    {
        var events = Assert.IsType<SlackInbound.Events>(_parser.Parse(Json, Payload.Bytes(fileName)));
        Assert.Empty(events.Items);
        Assert.False(string.IsNullOrEmpty(events.Reason));
        return events;
    }

    [Fact]
    public void Url_verification_yields_the_challenge()
    {
        var result = _parser.Parse("application/json; charset=utf-8", Payload.Bytes("url_verification.json"));

        Assert.Equal("chal-7f3a9c", Assert.IsType<SlackInbound.UrlVerification>(result).Challenge);
    }

    [Fact]
    public void Plain_message_becomes_message_posted_with_platform_time_to_the_microsecond()
    {
        var posted = Single<MessagePosted>("message_plain.json");

        Assert.Equal("EvPLAIN1", posted.EventId);
        Assert.Equal(new ChannelRef("slack", "TPM1", "CINC1"), posted.Channel);
        Assert.Equal("1764072120.123456", posted.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764072120).AddTicks(1_234_560), posted.OccurredAt);
        Assert.Null(posted.ThreadId);
        Assert.Equal(new ChatUser("UALICE", "alice"), posted.Author);
        Assert.False(posted.HasFile);
        Assert.False(posted.AlsoInChannel);
    }

    [Fact]
    public void Message_text_is_unescaped_and_keeps_mention_tokens()
    {
        var posted = Single<MessagePosted>("message_plain.json");

        Assert.Equal("checkout errors > 5% since 14:02 & rising, cc <@UBOB|bob> <@UCAROL>", posted.Text);
        var names = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string>>(posted.MentionNames);
        Assert.Equal("bob", names["UBOB"]);
        Assert.False(names.ContainsKey("UCAROL"));
    }

    [Fact]
    public void Thread_reply_carries_the_thread_id()
    {
        var posted = Single<MessagePosted>("message_thread_reply.json");

        Assert.Equal("1764072120.123456", posted.ThreadId);
        Assert.Equal("1764072300.000200", posted.MessageId);
        Assert.False(posted.AlsoInChannel);
        Assert.Equal("UBOB", posted.Author.DisplayName);
    }

    [Fact]
    public void Thread_broadcast_is_a_reply_also_in_channel()
    {
        var posted = Single<MessagePosted>("message_thread_broadcast.json");

        Assert.Equal("1764072120.123456", posted.ThreadId);
        Assert.True(posted.AlsoInChannel);
    }

    [Fact]
    public void Bot_message_author_is_a_bot_named_by_its_username()
    {
        var posted = Single<MessagePosted>("message_bot_message.json");

        Assert.Equal(new ChatUser("BALERT", "alertmanager", IsBot: true), posted.Author);
    }

    [Fact]
    public void Message_posted_by_our_own_app_is_marked_as_self()
    {
        var posted = Single<MessagePosted>("message_from_own_app.json");

        Assert.True(posted.Author.IsSelf);
        Assert.True(posted.Author.IsBot);
        Assert.Equal("postmortem", posted.Author.DisplayName);
    }

    [Fact]
    public void Message_from_the_configured_bot_user_is_marked_as_self()
    {
        var parser = new SlackInboundParser(TestSlackOptions.Create(botUserId: "UALICE"), new FakeTimeProvider(Now));

        var events = Assert.IsType<SlackInbound.Events>(parser.Parse(Json, Payload.Bytes("message_plain.json")));

        Assert.True(Assert.IsType<MessagePosted>(Assert.Single(events.Items)).Author.IsSelf);
    }

    [Fact]
    public void Message_from_the_configured_bot_id_is_marked_as_self()
    {
        var parser = new SlackInboundParser(TestSlackOptions.Create(botId: "BALERT"), new FakeTimeProvider(Now));

        var events = Assert.IsType<SlackInbound.Events>(parser.Parse(Json, Payload.Bytes("message_bot_message.json")));

        Assert.True(Assert.IsType<MessagePosted>(Assert.Single(events.Items)).Author.IsSelf);
    }

    [Fact]
    public void A_person_mentioning_the_bot_addresses_it_and_other_messages_do_not()
    {
        Assert.True(Single<MessagePosted>("message_addressing_bot.json").AddressesBot);
        Assert.False(Single<MessagePosted>("message_thread_reply.json").AddressesBot);
        Assert.False(Single<MessagePosted>("message_bot_message.json").AddressesBot);
    }

    [Fact]
    public void A_mention_of_the_bot_is_recognised_by_the_user_id_auth_test_reported_when_none_is_configured()
    {
        var workspace = new SlackWorkspace();
        var parser = new SlackInboundParser(TestSlackOptions.Create(botUserId: null), new FakeTimeProvider(Now), workspace);
        MessagePosted Parse() =>
            Assert.IsType<MessagePosted>(Assert.Single(Assert.IsType<SlackInbound.Events>(parser.Parse(Json, Payload.Bytes("message_addressing_bot.json"))).Items));

        Assert.False(Parse().AddressesBot);

        workspace.BotUserId = "UBOT";

        Assert.True(Parse().AddressesBot);
    }

    [Theory]
    [InlineData("<@UBOT> hi", true)]
    [InlineData("see <@UBOT|postmortem>", true)]
    [InlineData("<@UBOTTLE> hi", false)]
    [InlineData("<@UBO> hi", false)]
    [InlineData("mail UBOT", false)]
    [InlineData("<@UBOT", false)]
    public void Mentions_matches_the_whole_user_id_only(string text, bool expected) =>
        Assert.Equal(expected, SlackText.Mentions(text, "UBOT"));

    [Theory]
    [InlineData("<@UBOT> start Checkout errors", "start Checkout errors")]
    [InlineData("<@UBOT|postmortem>   status", "status")]
    [InlineData("the pool was exhausted, see the graph <@UBOT>", "the pool was exhausted, see the graph")]
    [InlineData("the pool <@UBOT> was exhausted", "the pool was exhausted")]
    [InlineData("thanks <@UBOT>!", "thanks!")]
    [InlineData("<@UCAROL> saw it first, <@UBOT> the pool was exhausted", "<@UCAROL> saw it first, the pool was exhausted")]
    [InlineData("first line\n<@UBOT> second line", "first line\nsecond line")]
    [InlineData("<@UBOTTLE> and <@UBOT", "<@UBOTTLE> and <@UBOT")]
    public void App_mention_text_drops_the_bots_own_mentions_wherever_they_are_and_keeps_other_peoples(string text, string expected) =>
        Assert.Equal(expected, SlackText.WithoutMentionsOf(text, "UBOT"));

    [Fact]
    public void App_mention_text_drops_only_a_leading_mention_while_the_bots_id_is_unknown() =>
        Assert.Equal("start Checkout errors <@UBOT>", SlackText.WithoutMentionsOf("<@UBOT> start Checkout errors <@UBOT>", null));

    [Fact]
    public void Human_message_is_neither_bot_nor_self()
    {
        var posted = Single<MessagePosted>("message_thread_reply.json");

        Assert.False(posted.Author.IsBot);
        Assert.False(posted.Author.IsSelf);
    }

    [Fact]
    public void Message_changed_becomes_message_edited_of_the_original_message()
    {
        var edited = Single<MessageEdited>("message_changed.json");

        Assert.Equal("EvEDIT1", edited.EventId);
        Assert.Equal("1764072300.000200", edited.MessageId);
        Assert.Equal("1764072120.123456", edited.ThreadId);
        Assert.Equal("rolled back the deploy & flushed the cache", edited.NewText);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764072900).AddTicks(5_000), edited.OccurredAt);
    }

    [Fact]
    public void Message_deleted_names_the_deleted_message()
    {
        var deleted = Single<MessageDeleted>("message_deleted.json");

        Assert.Equal("EvDEL1", deleted.EventId);
        Assert.Equal("1764072300.000200", deleted.MessageId);
        Assert.Equal("1764072120.123456", deleted.ThreadId);
    }

    [Fact]
    public void File_share_is_a_message_with_a_file()
    {
        var posted = Single<MessagePosted>("message_file_share.json");

        Assert.True(posted.HasFile);
        Assert.Equal("grafana screenshot", posted.Text);
    }

    [Fact]
    public void Channel_join_is_ignored_with_a_reason()
    {
        Assert.Contains("channel_join", Ignored("message_channel_join.json").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reaction_added_maps_the_emoji_and_strips_the_skin_tone()
    {
        var reaction = Single<ReactionAdded>("reaction_added.json");

        Assert.Equal(ReactionKind.Confirm, reaction.Kind);
        Assert.Equal("1764072700.000400", reaction.MessageId);
        Assert.Equal("UBOB", reaction.User.Id);
        Assert.Equal("white_check_mark::skin-tone-3", reaction.Name);
        Assert.Equal(new ChannelRef("slack", "TPM1", "CINC1"), reaction.Channel);
    }

    [Fact]
    public void Reaction_removed_becomes_reaction_removed()
    {
        var reaction = Single<ReactionRemoved>("reaction_removed.json");

        Assert.Equal(ReactionKind.Decline, reaction.Kind);
        Assert.Equal("EvUNREACT1", reaction.EventId);
    }

    [Fact]
    public void Reaction_on_a_file_is_ignored()
    {
        Ignored("reaction_added_file.json");
    }

    [Theory]
    [InlineData("white_check_mark", ReactionKind.Confirm)]
    [InlineData("heavy_check_mark", ReactionKind.Confirm)]
    [InlineData("ballot_box_with_check", ReactionKind.Confirm)]
    [InlineData("x", ReactionKind.Decline)]
    [InlineData("negative_squared_cross_mark", ReactionKind.Decline)]
    [InlineData("no_entry_sign", ReactionKind.Decline)]
    [InlineData("pushpin", ReactionKind.Highlight)]
    [InlineData("round_pushpin", ReactionKind.Highlight)]
    [InlineData("heavy_check_mark::skin-tone-6", ReactionKind.Confirm)]
    [InlineData("thumbsup", ReactionKind.Other)]
    [InlineData("x_x", ReactionKind.Other)]
    public void Emoji_names_map_to_reaction_kinds(string name, ReactionKind expected)
    {
        Assert.Equal(expected, SlackReactions.Kind(name));
    }

    [Fact]
    public void App_mention_becomes_a_command_without_the_leading_bot_mention()
    {
        var command = Single<CommandInvoked>("app_mention.json");

        Assert.Equal("start Checkout & payments sev:SEV2", command.Text);
        Assert.Equal("1764072120.123456", command.ThreadId);
        Assert.Equal("UALICE", command.User.Id);
        Assert.Equal("EvMENTION1", command.EventId);
        Assert.Equal("1764073500.001100", command.MessageId);
        Assert.False(command.HasFile);
    }

    [Fact]
    public void App_mention_that_carries_a_file_says_so()
    {
        var command = Single<CommandInvoked>("app_mention_with_file.json");

        Assert.Equal("the pool was exhausted, graph attached", command.Text);
        Assert.True(command.HasFile);
    }

    [Fact]
    public void Bot_joining_a_channel_becomes_a_bot_joined_event()
    {
        var joined = Single<BotJoined>("member_joined_channel.json");

        Assert.Equal("slack", joined.Channel.Platform);
        Assert.True(joined.OccurredAt > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Pin_becomes_a_highlight_by_the_pinner()
    {
        var highlight = Single<ReactionAdded>("pin_added.json");

        Assert.Equal(ReactionKind.Highlight, highlight.Kind);
        Assert.Equal("UCAROL", highlight.User.Id);
        Assert.Equal("1764072300.000200", highlight.MessageId);
        Assert.Equal("CINC1", highlight.Channel.ChannelId);
    }

    [Fact]
    public void Unknown_event_type_is_ignored_with_a_reason()
    {
        Assert.Contains("emoji_changed", Ignored("unknown_event.json").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_without_a_channel_is_malformed()
    {
        var result = _parser.Parse(Json, Payload.Bytes("message_missing_channel.json"));

        Assert.Contains("event.channel", Assert.IsType<SlackInbound.Malformed>(result).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event\":{\"type\":\"message\"}}")]
    [InlineData("{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"Ev1\"}")]
    [InlineData("{\"type\":\"url_verification\"}")]
    [InlineData("{\"challenge\":\"x\"}")]
    public void Broken_json_is_malformed(string body)
    {
        Assert.IsType<SlackInbound.Malformed>(_parser.Parse(Json, Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Unknown_fields_of_any_type_are_ignored()
    {
        var body = """
            {"type":"event_callback","team_id":"T1","event_id":"Ev9","extra":[{"a":null}],
             "event":{"type":"message","channel":"C1","user":"U1","text":7,"ts":"1.5","files":"none","user_profile":[]}}
            """;

        var posted = Assert.IsType<MessagePosted>(
            Assert.Single(Assert.IsType<SlackInbound.Events>(_parser.Parse(Json, Encoding.UTF8.GetBytes(body))).Items));

        Assert.Equal(string.Empty, posted.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1).AddMilliseconds(500), posted.OccurredAt);
    }

    [Fact]
    public void Slash_command_form_becomes_a_command_identified_by_its_trigger()
    {
        var command = Single<CommandInvoked>("slash_command.txt", Form);

        Assert.Equal("start Checkout & payments sev:SEV2 since:3h", command.Text);
        Assert.Equal("7003.8004.ghi789", command.EventId);
        Assert.Equal(new ChannelRef("slack", "TPM1", "CINC1", "inc-checkout"), command.Channel);
        Assert.Equal(new ChatUser("UALICE", "alice"), command.User);
        Assert.Equal(Now, command.OccurredAt);
        Assert.Null(command.ThreadId);
    }

    [Fact]
    public void Slash_command_without_a_user_is_malformed()
    {
        var body = Encoding.UTF8.GetBytes("command=%2Fpostmortem&text=help&team_id=T1&channel_id=C1&trigger_id=1.2.3");

        Assert.Contains("user_id", Assert.IsType<SlackInbound.Malformed>(_parser.Parse(Form, body)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_actions_yield_one_button_press_per_action()
    {
        var result = _parser.Parse(Form, Payload.InteractivityForm("block_actions.json"));

        var events = Assert.IsType<SlackInbound.Events>(result);
        Assert.Equal(SlackInboundSource.Interactivity, events.Source);
        Assert.Collection(
            events.Items.Cast<ButtonPressed>(),
            first =>
            {
                Assert.Equal("7001.8002.abc123:item.confirm", first.EventId);
                Assert.Equal("item.confirm", first.ActionId);
                Assert.Equal("1", first.Value);
                Assert.Equal("1764072700.000400", first.MessageId);
                Assert.Equal(new ChatUser("UBOB", "bob"), first.User);
                Assert.Equal(new ChannelRef("slack", "TPM1", "CINC1", "inc-checkout"), first.Channel);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764074000).AddTicks(5_000_010), first.OccurredAt);
            },
            second =>
            {
                Assert.Equal("7001.8002.abc123:postmortem.render", second.EventId);
                Assert.Null(second.Value);
            });
    }

    [Fact]
    public void Other_interaction_types_are_ignored()
    {
        var events = Assert.IsType<SlackInbound.Events>(_parser.Parse(Form, Payload.InteractivityForm("view_submission.json")));

        Assert.Empty(events.Items);
        Assert.Contains("view_submission", events.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Interactivity_payload_that_is_not_json_is_malformed()
    {
        Assert.IsType<SlackInbound.Malformed>(_parser.Parse(Form, Encoding.UTF8.GetBytes("payload=%7Bnope")));
    }

    [Fact]
    public void Ssl_check_is_acknowledged_and_ignored()
    {
        var events = Assert.IsType<SlackInbound.Events>(_parser.Parse(Form, Encoding.UTF8.GetBytes("ssl_check=1&token=t")));

        Assert.Empty(events.Items);
    }

    [Fact]
    public void Form_without_command_or_payload_is_malformed()
    {
        Assert.IsType<SlackInbound.Malformed>(_parser.Parse(Form, Encoding.UTF8.GetBytes("hello=world")));
    }

    [Fact]
    public void Unsupported_content_type_is_malformed()
    {
        Assert.IsType<SlackInbound.Malformed>(_parser.Parse("text/xml", Payload.Bytes("message_plain.json")));
    }

    [Fact]
    public void Missing_content_type_is_sniffed()
    {
        Assert.IsType<SlackInbound.UrlVerification>(_parser.Parse(null, Payload.Bytes("url_verification.json")));
        Assert.IsType<SlackInbound.Events>(_parser.Parse(null, Payload.Bytes("slash_command.txt")));
    }
}
