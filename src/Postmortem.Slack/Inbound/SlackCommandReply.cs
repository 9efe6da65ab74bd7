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
    /// <summary>
    /// An ephemeral reply to the command's own user, outside any thread, that fits in one message; <paramref name="message"/>
    /// is that message, rendered.
    /// </summary>
    public static bool TryRender(CommandInvoked command, ChatAction action, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SlackBlockMessage? message)
    {
        ArgumentNullException.ThrowIfNull(command);
        message = null;
        if (action is not PostEphemeral { ThreadId: null } ephemeral
            || ephemeral.UserId != command.User.Id
            || ephemeral.Channel.Key != command.Channel.Key)
        {
            return false;
        }

        var parts = SlackMessageRenderer.Render(ephemeral.Content);
        message = parts.Count == 1 ? parts[0] : null;
        return message is not null;
    }
}
