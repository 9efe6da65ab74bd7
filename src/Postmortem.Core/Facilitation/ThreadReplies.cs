using Postmortem.Core.Events;
using Postmortem.Core.Sessions;
using Postmortem.Core.Whys;

namespace Postmortem.Core.Facilitation;

/// <summary>
/// A person's reply in a thread while a postmortem is open: an action item after <c>action:</c>, else the next step
/// of the why chain whose thread it is (replies in other threads are only collected).
/// </summary>
internal static class ThreadReplies
{
    /// <summary>Whether a reply saying <paramref name="text"/> in <paramref name="threadId"/> is one the bot acts on.</summary>
    public static bool Takes(PostmortemSession session, string threadId, string text) =>
        ActionItemConversation.IsActionReply(text)
        || session.Chains.Exists(chain => chain.ThreadId == threadId && chain.Stage != ChainStage.Closed);

    public static void Handle(DecisionBuilder decision, MessagePosted reply)
    {
        if (ActionItemConversation.IsActionReply(reply.Text))
        {
            ActionItemConversation.Propose(decision, reply.Author, ActionItemConversation.StripActionPrefix(reply.Text), reply.ThreadId);
            return;
        }

        WhyConversation.OnReply(decision, reply);
    }
}
