using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Slack.BlockKit;

namespace Postmortem.Slack.Inbound;

/// <summary>
/// Which answer to a slash command Slack can take in the HTTP 200 itself (shown only to the user who typed it, like
/// <c>chat.postEphemeral</c>, but at once, without a Web API call, and even where the bot is not a channel member).
/// </summary>
public static class SlackCommandReply
{
    /// <summary>An ephemeral reply to the command's own user, outside any thread, that fits in one message.</summary>
    public static bool CanAnswer(CommandInvoked command, ChatAction action)
    {
        ArgumentNullException.ThrowIfNull(command);
        return action is PostEphemeral { ThreadId: null } ephemeral
            && ephemeral.UserId == command.User.Id
            && ephemeral.Channel.Key == command.Channel.Key
            && SlackMessageRenderer.Render(ephemeral.Content).Count == 1;
    }
}
