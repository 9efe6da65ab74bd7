using Postmortem.Core.Events;

namespace Postmortem.Teams.Inbound;

/// <summary>Decides the answer to a card button press after it was stored (e.g. the updated card).</summary>
public interface ITeamsInvokeResponder
{
    /// <param name="pressed">The stored press; null when the action named no button we know.</param>
    /// <param name="firstTime">False when the press was a repeat the inbox had already stored.</param>
    ValueTask<TeamsInvokeResponse> RespondAsync(ButtonPressed? pressed, bool firstTime, CancellationToken ct);
}
