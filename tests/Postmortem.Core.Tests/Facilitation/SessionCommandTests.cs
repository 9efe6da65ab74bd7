using Postmortem.Core.Actions;
using Postmortem.Core.Sessions;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class SessionCommandTests
{
    [Fact]
    public void Start_opens_a_session_posts_the_kickoff_collects_history_and_asks_the_first_why()
    {
        var chat = new Conversation();

        chat.Command(Alice, "start Checkout errors");

        var session = chat.OpenSession;
        Assert.Equal("Checkout errors", session.Title);
        Assert.Equal(Alice.Id, session.StartedBy);
        Assert.Single(session.Chains);
        Assert.Collection(chat.Last,
            kickoff => Assert.Equal(MessagePurpose.Kickoff, Assert.IsType<PostMessage>(kickoff).Content.Purpose),
            history => Assert.IsType<CollectHistory>(history),
            why => Assert.StartsWith("Why 1: why did “Checkout errors” happen?", Assert.IsType<PostMessage>(why).Content.Text));
        Assert.Equal(session.Chains[0].RootKey, chat.Last[2].Key);
    }

    [Fact]
    public void Start_reads_severity_and_since_wherever_they_stand()
    {
        var chat = new Conversation();

        chat.Command(Alice, "start sev:SEV2 Checkout since:3h errors");

        var session = chat.OpenSession;
        Assert.Equal("Checkout errors", session.Title);
        Assert.Equal(Severity.Sev2, session.Severity);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), session.Since);
    }

    [Theory]
    [InlineData("sev:near-miss", Severity.NearMiss)]
    [InlineData("sev:sev1", Severity.Sev1)]
    [InlineData("sev:SEV3", Severity.Sev3)]
    public void Start_accepts_every_severity(string argument, Severity expected)
    {
        var chat = new Conversation();

        chat.Command(Alice, $"start Disk filling {argument}");

        Assert.Equal(expected, chat.OpenSession.Severity);
    }

    [Fact]
    public void Start_without_title_names_the_channel()
    {
        var chat = new Conversation();

        chat.Command(Alice, "start");

        Assert.Equal("Incident in #inc-checkout", chat.OpenSession.Title);
    }

    [Theory]
    [InlineData("start Outage sev:SEV9", "severity")]
    [InlineData("start Outage since:yesterday-ish", "since:yesterday-ish")]
    public void Start_with_an_unreadable_option_is_refused_and_opens_nothing(string command, string named)
    {
        var chat = new Conversation();

        chat.Command(Alice, command);

        Assert.Null(chat.Session);
        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Contains(named, reply.Content.Text);
        Assert.Equal(Alice.Id, reply.UserId);
    }

    [Fact]
    public void A_second_start_shows_the_status_instead_of_a_duplicate()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Checkout errors");
        var first = chat.OpenSession;

        chat.Command(Bob, "start Something else");

        Assert.Equal(first.Id, chat.OpenSession.Id);
        Assert.Equal("Checkout errors", chat.OpenSession.Title);
        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.StartsWith("A postmortem is already open", reply.Content.Text);
        Assert.Contains("Checkout errors", reply.Content.Text);
    }

    [Fact]
    public void Status_reports_messages_chains_and_items()
    {
        var chat = new Conversation();
        chat.Say(Bob, "checkout is throwing 500s");
        chat.Say(Carol, "looking");
        chat.Command(Alice, "start Checkout errors");

        chat.Command(Bob, "status");

        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Equal(MessagePurpose.Status, reply.Content.Purpose);
        Assert.Contains("2 messages", reply.Content.Text);
        Assert.Contains("1 chain(s), 0 closed", reply.Content.Text);
        Assert.Contains("Action items: 0", reply.Content.Text);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("")]
    public void Help_answers_with_the_usage(string text)
    {
        var chat = new Conversation();

        chat.Command(Alice, text);

        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Contains("/postmortem start", reply.Content.Text);
        Assert.Contains("/postmortem action", reply.Content.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_unknown_subcommand_gets_one_line_that_points_to_help_never_silence(bool withSession)
    {
        var chat = new Conversation();
        if (withSession)
        {
            chat.Command(Alice, "start Outage");
        }

        chat.Command(Alice, "frobnicate `now`");

        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Equal("I don't know `frobnicate`. `/postmortem help` lists every command.", reply.Content.Text);
    }

    [Theory]
    [InlineData("stauts", "status")]
    [InlineData("Rendr now", "render")]
    [InlineData("acton fix the alert @bob by friday", "action")]
    [InlineData("hlep", "help")]
    [InlineData("sart Checkout errors", "start")]
    public void A_mistyped_subcommand_is_answered_with_the_one_it_looks_like(string text, string meant)
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Alice, text);

        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Contains($"Did you mean `/postmortem {meant}`?", reply.Content.Text);
    }

    [Fact]
    public void A_title_without_start_is_answered_with_the_start_command_to_type()
    {
        var chat = new Conversation();

        chat.Command(Alice, "INC-4000 checkout-api 5xx spike after deploy");

        var reply = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Equal(
            "I don't know `inc-4000`. To open a postmortem with that title, type " +
            "`/postmortem start INC-4000 checkout-api 5xx spike after deploy`. `/postmortem help` lists every command.",
            reply.Content.Text);
        Assert.Null(chat.Session);
    }

    [Fact]
    public void Start_is_not_offered_while_a_postmortem_is_open_nor_for_a_pasted_paragraph()
    {
        var chat = new Conversation();
        chat.Command(Alice, "INC-4000 " + new string('x', 200));
        var paragraph = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        chat.Command(Alice, "start Outage");

        chat.Command(Alice, "INC-4000 checkout-api 5xx spike");

        var whileOpen = Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.DoesNotContain("/postmortem start", paragraph.Content.Text);
        Assert.DoesNotContain("/postmortem start", whileOpen.Content.Text);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("render")]
    [InlineData("whys the failover")]
    public void Commands_before_start_explain_how_to_start(string command)
    {
        var chat = new Conversation();

        chat.Command(Alice, command);

        Assert.Null(chat.Session);
        Assert.Contains("/postmortem start", Assert.IsType<PostEphemeral>(Assert.Single(chat.Last)).Content.Text);
    }

    [Fact]
    public void Mark_sets_a_key_moment_by_hand_at_the_given_utc_time()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Alice, "mark mitigated 13:40");

        var mark = Assert.Single(chat.OpenSession.Marks);
        Assert.Equal(KeyMoment.Mitigated, mark.Moment);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 40, 0, TimeSpan.Zero), mark.At);
        Assert.Equal(Alice.Id, mark.MarkedBy);
    }

    [Fact]
    public void Mark_without_a_time_uses_the_command_time()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        var now = chat.Time.GetUtcNow();

        chat.Command(Alice, "mark resolved");

        Assert.Equal(now, Assert.Single(chat.OpenSession.Marks).At);
    }

    [Theory]
    [InlineData("mark fixed")]
    [InlineData("mark")]
    [InlineData("mark resolved 25:99")]
    public void Mark_with_an_unknown_moment_or_time_is_refused(string command)
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Alice, command);

        Assert.Empty(chat.OpenSession.Marks);
        Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
    }

    [Fact]
    public void Note_adds_a_line_to_the_timeline()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");

        chat.Command(Bob, "note customer support informed");

        var note = Assert.Single(chat.OpenSession.Notes);
        Assert.Equal("customer support informed", note.Text);
        Assert.Equal(Bob.Id, note.AuthorId);
    }

    [Fact]
    public void Deciding_the_same_event_twice_gives_the_same_action_keys()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        var command = new Events.CommandInvoked
        {
            EventId = "ev-repeat",
            Channel = chat.Channel,
            OccurredAt = chat.Time.GetUtcNow(),
            User = Bob,
            Text = "status",
        };
        var state = new Core.Facilitation.ChannelState(chat.Session, chat.Timeline);

        var first = chat.Facilitator.Decide(state, command);
        var second = chat.Facilitator.Decide(state, command);

        Assert.Equal(first.Actions.Select(a => a.Key), second.Actions.Select(a => a.Key));
    }

    [Fact]
    public void A_known_name_is_not_replaced_by_a_bare_user_id()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Outage");
        chat.Say(Bob, "on it");

        chat.Say(new Chat.ChatUser(Bob.Id, Bob.Id), "still on it");

        Assert.Equal("bob", chat.OpenSession.DisplayName(Bob.Id));
    }

    [Fact]
    public void Joining_a_channel_posts_a_welcome_that_says_how_to_start()
    {
        var chat = new Conversation();

        chat.Send(new Events.BotJoined { EventId = "joined", Channel = chat.Channel, OccurredAt = chat.Time.GetUtcNow() });

        Assert.Null(chat.Session);
        Assert.Contains("`/postmortem start <title>`", Assert.Single(chat.LastTexts));
    }
}
