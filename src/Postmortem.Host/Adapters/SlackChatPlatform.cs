using Postmortem.Core.Actions;
using Postmortem.Host.Processing;
using Postmortem.Slack.Outbound;

namespace Postmortem.Host.Adapters;

/// <summary>Carries out actions in Slack through the Web API.</summary>
internal sealed class SlackChatPlatform(SlackPlatformSender sender) : IChatPlatform
{
    public string Platform => SlackPlatformSender.Platform;

    public async Task<DeliveryResult> DeliverAsync(ChatAction action, DeliveryContext context, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(action, context.FindMessageIdAsync, context.Attempt, cancellationToken).ConfigureAwait(false);
        var error = result.UserHint is null ? result.Error : $"{result.Error} — {result.UserHint}";
        return new DeliveryResult(result.Succeeded, result.MessageId, error, result.RetryAfter, result.Permanent);
    }
}
