using Postmortem.Core.Events;

namespace Postmortem.Core.Facilitation;

/// <summary>
/// A person's reply in a thread while a postmortem is open: an action item after <c>action:</c>, else the next step
/// of the why chain whose thread it is (replies in other threads are only collected).
/// </summary>
internal static class ThreadReplies
{
    /// <summary>Acts on the reply; false (and nothing decided) when it is neither an action item nor in an open why thread.</summary>
    public static bool Handle(DecisionBuilder decision, MessagePosted reply)
    {
        if (ActionItemConversation.IsActionReply(reply.Text))
        {
            ActionItemConversation.Propose(decision, reply.Author, ActionItemConversation.StripActionPrefix(reply.Text), reply.ThreadId);
            return true;
        }

        return WhyConversation.OnReply(decision, reply);
    }
}
