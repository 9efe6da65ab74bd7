using Postmortem.Core.Actions;
using Postmortem.Host.Processing;
using Postmortem.Teams.Outbound;

namespace Postmortem.Host.Adapters;

/// <summary>Carries out actions in Microsoft Teams through the Bot Framework connector.</summary>
internal sealed class TeamsChatPlatform(TeamsPlatformSender sender) : IChatPlatform
{
    public const string Name = "teams";

    public string Platform => Name;

    public async Task<DeliveryResult> DeliverAsync(ChatAction action, DeliveryContext context, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(action, context.FindMessageIdAsync, cancellationToken).ConfigureAwait(false);
        return new DeliveryResult(result.Succeeded, result.MessageId, result.Error, result.RetryAfter, result.Permanent);
    }
}
