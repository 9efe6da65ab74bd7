using Postmortem.Core.Events;

namespace Postmortem.Teams.Inbound;

/// <summary>Answers every card button press with a short text message, leaving the card as it was.</summary>
public sealed class DefaultTeamsInvokeResponder : ITeamsInvokeResponder
{
    public const string Acknowledgement = "Got it, thanks.";

    public ValueTask<TeamsInvokeResponse> RespondAsync(ButtonPressed? pressed, bool firstTime, CancellationToken ct) =>
        ValueTask.FromResult(TeamsInvokeResponse.Message(Acknowledgement));
}
