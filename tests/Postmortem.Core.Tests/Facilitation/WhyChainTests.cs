using Postmortem.Core.Actions;
using Postmortem.Core.Whys;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class WhyChainTests
{
    private const string Graph = "https://grafana.example.com/d/api?from=1";

    private static Conversation Started()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Checkout returned 500s");
        return chat;
    }

    [Fact]
    public void Each_answer_gets_the_next_why_built_on_it_in_the_same_thread()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Say(Bob, $"the payment service timed out, see {Graph}", threadId: thread);

        var next = Assert.IsType<PostMessage>(Assert.Single(chat.Last));
        Assert.Equal("Why 2: why did “the payment service timed out, see " + Graph + "” happen?", next.Content.Text);
        Assert.Equal(chat.OpenSession.Chains[0].RootKey, next.ThreadKey);
        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal(1, answer.Level);
        Assert.Contains(Graph, answer.Evidence);
    }

    [Fact]
    public void An_answer_that_mentions_the_bot_is_taken_as_the_answer()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        var message = chat.Address(Bob, $"the payment service timed out, see {Graph}", threadId: thread);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal(message, answer.MessageId);
        Assert.Equal(Bob.Id, answer.AuthorId);
        Assert.StartsWith("Why 2:", Assert.Single(chat.LastTexts));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_mention_delivered_as_a_message_and_as_a_command_is_answered_once_in_either_order(bool messageFirst)
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        const string Answer = "the payment service timed out, see " + Graph;
        var message = "M-address";

        if (messageFirst)
        {
            chat.Deliver(Bob, message, $"{Mention(Self)} {Answer}", thread, addressesBot: true);
            Assert.Empty(chat.Last);
            chat.Address(Bob, Answer, threadId: thread, messageId: message);
        }
        else
        {
            chat.Address(Bob, Answer, threadId: thread, messageId: message);
            chat.Deliver(Bob, message, $"{Mention(Self)} {Answer}", thread, addressesBot: true);
            Assert.Empty(chat.Last);
        }

        Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Single(chat.Actions, a => TextOf(a)?.StartsWith("Why 2:", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(chat.Actions, a => TextOf(a)?.StartsWith("I don't know", StringComparison.Ordinal) == true);
        Assert.NotNull(chat.Timeline.Find(message));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void A_mention_answer_with_a_file_counts_as_evidence_whichever_delivery_carries_the_file(bool messageFirst, bool fileOnCommand)
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        const string Answer = "the payment service timed out";
        var message = "M-screenshot";

        if (messageFirst)
        {
            chat.Deliver(Bob, message, $"{Mention(Self)} {Answer}", thread, addressesBot: true, hasFile: true);
        }

        chat.Address(Bob, Answer, threadId: thread, messageId: message, hasFile: fileOnCommand);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal(messageFirst || fileOnCommand, answer.Evidence is not null);
        Assert.Equal(messageFirst || fileOnCommand, chat.LastTexts.Single().StartsWith("Why 2:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bare_mention_with_a_file_gives_the_evidence_asked_for()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, "the payment service timed out", threadId: thread);
        Assert.Equal(ChainStage.AwaitingEvidence, chat.OpenSession.Chains[0].Stage);

        var screenshot = chat.Address(Bob, "", threadId: thread, hasFile: true);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.NotNull(answer.Evidence);
        Assert.Equal(screenshot, answer.EvidenceMessageId);
    }

    [Theory]
    [InlineData("status page was down, so nobody saw the incident banner")]
    [InlineData("help desk tickets were routed to the wrong queue")]
    [InlineData("render workers ran out of memory")]
    [InlineData("finish time of the batch job moved past the cache refresh")]
    public void A_mention_answer_that_starts_with_a_command_word_taking_nothing_is_the_answer(string text)
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        var message = chat.Address(Bob, text, threadId: thread);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal(message, answer.MessageId);
        Assert.Equal(text, answer.Text);
        Assert.DoesNotContain(chat.Last, a => a is PostEphemeral);
    }

    [Fact]
    public void A_command_word_taking_nothing_with_more_words_outside_a_why_thread_still_runs_the_command()
    {
        var chat = Started();

        chat.Address(Bob, "status please", threadId: "some-other-thread");

        Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void A_bare_mention_without_a_file_in_a_why_thread_gets_the_help_and_is_no_answer()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Address(Bob, "", threadId: thread);

        Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void A_mention_with_an_unknown_word_outside_a_why_thread_still_gets_the_unknown_command_reply()
    {
        var chat = Started();

        chat.Address(Bob, "the payment service timed out", threadId: "some-other-thread");

        Assert.StartsWith("I don't know `the`.", Assert.Single(chat.LastTexts));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void A_mention_in_a_why_thread_that_is_a_sub_command_runs_the_command_and_is_no_answer()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Address(Bob, "status", threadId: thread);

        Assert.IsType<PostEphemeral>(Assert.Single(chat.Last));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void An_answer_without_evidence_gets_one_request_and_skip_goes_on()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Say(Bob, "the payment service timed out", threadId: thread);
        Assert.Equal(MessagePurpose.EvidenceRequest, Assert.IsType<PostMessage>(Assert.Single(chat.Last)).Content.Purpose);

        chat.Say(Bob, "skip", threadId: thread);

        Assert.StartsWith("Why 2:", Assert.Single(chat.LastTexts));
        Assert.Null(chat.OpenSession.Chains[0].Answers[0].Evidence);
    }

    [Fact]
    public void Evidence_given_after_the_request_is_attached_to_the_answer()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, "the payment service timed out", threadId: thread);

        var evidence = chat.Say(Bob, $"here: {Graph}", threadId: thread);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Contains(Graph, answer.Evidence);
        Assert.Equal(evidence, answer.EvidenceMessageId);
        Assert.StartsWith("Why 2:", Assert.Single(chat.LastTexts));
    }

    [Fact]
    public void A_reply_to_the_evidence_request_without_evidence_is_noted_once_and_the_chain_goes_on()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, "the payment service timed out", threadId: thread);

        chat.Say(Bob, "I'm fairly sure of it", threadId: thread);

        Assert.Collection(chat.LastTexts,
            noted => Assert.Contains("no evidence given", noted),
            next => Assert.StartsWith("Why 2:", next));
        Assert.Null(chat.OpenSession.Chains[0].Answers[0].Evidence);
    }

    [Fact]
    public void A_file_counts_as_evidence()
    {
        var chat = Started();

        chat.Say(Bob, "the payment service timed out", threadId: chat.ThreadOf(1), hasFile: true);

        Assert.StartsWith("Why 2:", Assert.Single(chat.LastTexts));
    }

    [Fact]
    public void The_fifth_answer_closes_the_chain_then_asks_trigger_or_latent_then_the_detection_gap()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        string[] answers =
        [
            "payment calls timed out",
            "the connection pool was exhausted",
            "a retry storm doubled the calls",
            "retries had no backoff",
            "the client library default was changed in v2",
        ];
        foreach (var answer in answers)
        {
            chat.Say(Bob, $"{answer} {Graph}", threadId: thread);
        }

        Assert.StartsWith("Trigger or latent?", Assert.Single(chat.LastTexts));
        Assert.Equal(ChainStage.AwaitingCauseKind, chat.OpenSession.Chains[0].Stage);

        chat.Say(Carol, "latent", threadId: thread);
        Assert.StartsWith("Detection gap:", Assert.Single(chat.LastTexts));

        chat.Say(Carol, "no alert on pool saturation; a saturation alert would have fired 10 minutes earlier", threadId: thread);

        var chain = chat.OpenSession.Chains[0];
        Assert.Equal(ChainStage.Closed, chain.Stage);
        Assert.Equal(CauseKind.Latent, chain.CauseKind);
        Assert.Equal(5, chain.Answers.Count);
        Assert.StartsWith("no alert on pool saturation", chain.DetectionGap);
        Assert.StartsWith("Chain 1 closed", Assert.Single(chat.LastTexts));
        Assert.Equal(["Why 1:", "Why 2:", "Why 3:", "Why 4:", "Why 5:"], chain.Answers.Select(a => a.Question[..6]));
    }

    [Fact]
    public void Replies_to_a_closed_chain_are_only_collected()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, $"root cause: no canary for config pushes {Graph}", threadId: thread);
        chat.Say(Bob, "trigger", threadId: thread);
        chat.Say(Bob, "config pushes have no alerting", threadId: thread);

        chat.Say(Carol, "nice work all", threadId: thread);

        Assert.Empty(chat.Last);
        Assert.Single(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void Root_cause_closes_the_chain_early()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, $"the config push disabled the cache {Graph}", threadId: thread);

        chat.Say(Bob, "root cause", threadId: thread);

        Assert.StartsWith("Trigger or latent? Was “the config push disabled the cache", Assert.Single(chat.LastTexts));
        Assert.Single(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void Root_cause_with_text_records_it_as_the_last_answer()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);

        chat.Say(Bob, $"root cause: config pushes skip the canary stage {Graph}", threadId: thread);

        var answer = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal($"config pushes skip the canary stage {Graph}", answer.Text);
        Assert.StartsWith("Trigger or latent?", Assert.Single(chat.LastTexts));
    }

    [Fact]
    public void Root_cause_before_any_answer_asks_the_first_why_again()
    {
        var chat = Started();

        chat.Say(Bob, "root cause", threadId: chat.ThreadOf(1));

        Assert.Contains("Why 1:", Assert.Single(chat.LastTexts));
        Assert.Equal(ChainStage.AwaitingAnswer, chat.OpenSession.Chains[0].Stage);
    }

    [Fact]
    public void An_unclear_trigger_or_latent_answer_is_asked_again()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, $"root cause: no canary {Graph}", threadId: thread);

        chat.Say(Bob, "hmm, not sure", threadId: thread);

        Assert.StartsWith("Trigger or latent?", Assert.Single(chat.LastTexts));
        Assert.Null(chat.OpenSession.Chains[0].CauseKind);
    }

    [Fact]
    public void Whys_opens_another_chain_in_its_own_thread()
    {
        var chat = Started();

        chat.Command(Carol, "whys the failover took 20 minutes");

        var session = chat.OpenSession;
        Assert.Equal(2, session.Chains.Count);
        Assert.Equal("the failover took 20 minutes", session.Chains[1].Problem);
        var root = Assert.IsType<PostMessage>(Assert.Single(chat.Last));
        Assert.StartsWith("Why 1: why did “the failover took 20 minutes” happen?", root.Content.Text);
        Assert.Null(root.ThreadKey);
        Assert.NotEqual(chat.ThreadOf(1), chat.ThreadOf(2));

        chat.Say(Bob, $"DNS TTL was one hour {Graph}", threadId: chat.ThreadOf(2));
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
        Assert.Single(chat.OpenSession.Chains[1].Answers);
    }

    [Fact]
    public void Editing_an_answer_updates_the_record()
    {
        var chat = Started();
        var answer = chat.Say(Bob, "the payment service timed out", threadId: chat.ThreadOf(1));

        chat.Edit(answer, $"the payment service timed out after 30s {Graph}");

        var recorded = Assert.Single(chat.OpenSession.Chains[0].Answers);
        Assert.Equal($"the payment service timed out after 30s {Graph}", recorded.Text);
        Assert.Contains(Graph, recorded.Evidence);
    }

    [Fact]
    public void Editing_the_detection_gap_updates_it()
    {
        var chat = Started();
        var thread = chat.ThreadOf(1);
        chat.Say(Bob, $"root cause: no canary {Graph}", threadId: thread);
        chat.Say(Bob, "trigger", threadId: thread);
        var gap = chat.Say(Bob, "no alert", threadId: thread);

        chat.Edit(gap, "no alert on cache hit ratio");

        Assert.Equal("no alert on cache hit ratio", chat.OpenSession.Chains[0].DetectionGap);
    }

    [Fact]
    public void A_blaming_answer_gets_a_blameless_check_and_is_still_recorded()
    {
        var chat = Started();

        chat.Say(Bob, $"Dave forgot to renew the certificate {Graph}", threadId: chat.ThreadOf(1));

        Assert.Equal("Dave forgot to renew the certificate " + Graph, Assert.Single(chat.OpenSession.Chains[0].Answers).Text);
        var check = Assert.Single(chat.LastTexts, t => t.StartsWith("Blameless check:", StringComparison.Ordinal));
        Assert.Contains("forgot", check);
        Assert.Contains(chat.LastTexts, t => t.StartsWith("Why 2:", StringComparison.Ordinal));
    }

    [Fact]
    public void Replies_in_threads_that_are_not_chains_are_only_collected()
    {
        var chat = Started();
        var root = chat.Say(Bob, "deploying the fix");

        chat.Say(Carol, "go for it", threadId: root);

        Assert.Empty(chat.Last);
        Assert.Empty(chat.OpenSession.Chains[0].Answers);
    }

    [Fact]
    public void A_quoted_answer_names_people_without_mentioning_them_again()
    {
        var chat = Started();

        chat.Say(Bob, $"the deploy that {Mention(Carol)} approved changed the pool size {Graph}", threadId: chat.ThreadOf(1), mentions: new() { [Carol.Id] = "carol" });

        var next = Assert.Single(chat.LastTexts);
        Assert.StartsWith("Why 2: why did “the deploy that @carol approved", next);
        Assert.DoesNotContain("<@", next);
    }
}
