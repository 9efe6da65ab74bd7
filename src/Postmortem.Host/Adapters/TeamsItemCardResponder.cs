using System.Globalization;
using Postmortem.Core.Actions;
using Postmortem.Core.Events;
using Postmortem.Host.Processing;
using Postmortem.Storage;
using Postmortem.Teams.Cards;
using Postmortem.Teams.Inbound;

namespace Postmortem.Host.Adapters;

/// <summary>
/// Answers an Adaptive Card button press with the card as the facilitator left it: waits (briefly) for the inbox
/// processor to decide the stored press, then renders the item from the stored session. Never waits on outbound calls.
/// </summary>
internal sealed class TeamsItemCardResponder(
    ProcessingSignals signals,
    IPostmortemStore store,
    TeamsCardRenderer cards,
    ILogger<TeamsItemCardResponder> logger) : ITeamsInvokeResponder
{
    private static readonly TimeSpan DecisionWait = TimeSpan.FromSeconds(4);

    public async ValueTask<TeamsInvokeResponse> RespondAsync(ButtonPressed? pressed, bool firstTime, CancellationToken ct)
    {
        if (pressed is null || pressed.ActionId is not (ButtonIds.ConfirmItem or ButtonIds.DeclineItem)
            || !int.TryParse(pressed.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return TeamsInvokeResponse.Message(DefaultTeamsInvokeResponder.Acknowledgement);
        }

        try
        {
            await signals.Inbox.WhenCompletedAsync(signals.Inbox.Version, ct).WaitAsync(DecisionWait, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Card action {EventId} not decided within {Wait}; answering without the updated card", pressed.EventId, DecisionWait);
            return TeamsInvokeResponse.Message("Got it — the card will update in a moment.");
        }

        var snapshot = await store.LoadChannelAsync(pressed.Channel, ct).ConfigureAwait(false);
        var item = snapshot.Session?.Items.Find(i => i.Number == number);
        return item is null
            ? TeamsInvokeResponse.Message("That action item no longer exists.")
            : TeamsInvokeResponse.Card(cards.ItemCard(item));
    }
}
