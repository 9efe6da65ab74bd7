using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Core.Sessions;
using static Postmortem.Core.Tests.Facilitation.Conversation;

namespace Postmortem.Core.Tests.Facilitation;

public class RenderCommandTests
{
    [Theory]
    [InlineData("render")]
    [InlineData("finish")]
    public void Render_publishes_the_document_and_puts_it_in_review(string verb)
    {
        var chat = new Conversation();
        chat.Say(Bob, "checkout is throwing 500s");
        chat.Command(Alice, "start Checkout errors");

        chat.Command(Alice, verb);

        var publish = Assert.IsType<PublishPostmortem>(Assert.Single(chat.Last));
        Assert.Equal(chat.OpenSession.SummaryKey, publish.SummaryKey);
        Assert.StartsWith("postmortem-inc-checkout-2026-11-23", publish.FileName);
        Assert.Contains("Checkout errors", publish.Markdown);
        Assert.Equal(SessionStatus.InReview, chat.OpenSession.Status);
    }

    [Fact]
    public void Rendering_again_targets_the_same_summary_message()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Checkout errors");
        chat.Command(Alice, "render");
        var first = Assert.IsType<PublishPostmortem>(Assert.Single(chat.Last));

        chat.Command(Alice, "render");

        var second = Assert.IsType<PublishPostmortem>(Assert.Single(chat.Last));
        Assert.Equal(first.SummaryKey, second.SummaryKey);
        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(2, chat.OpenSession.Renders);
    }

    [Fact]
    public void A_check_mark_on_the_summary_confirms_accuracy_and_removing_it_takes_it_back()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Checkout errors");
        chat.Command(Alice, "render");
        const string summaryId = "SUMMARY-1";
        chat.Send(new BotMessageDelivered
        {
            EventId = "delivered-summary",
            Channel = chat.Channel,
            OccurredAt = chat.Time.GetUtcNow(),
            ActionKey = chat.OpenSession.SummaryKey,
            MessageId = summaryId,
        });

        chat.React(Bob, summaryId, ReactionKind.Confirm);
        Assert.Equal(SessionStatus.Final, chat.OpenSession.Status);
        Assert.Equal(Bob.Id, Assert.Single(chat.OpenSession.AccuracyConfirmations).UserId);

        chat.Unreact(Bob, summaryId, ReactionKind.Confirm);
        Assert.Equal(SessionStatus.InReview, chat.OpenSession.Status);
        Assert.Empty(chat.OpenSession.AccuracyConfirmations);
    }

    [Fact]
    public void The_render_button_renders()
    {
        var chat = new Conversation();
        chat.Command(Alice, "start Checkout errors");

        chat.Press(Bob, ButtonIds.Render, "");

        Assert.IsType<PublishPostmortem>(Assert.Single(chat.Last));
    }
}
