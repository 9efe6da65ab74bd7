using Postmortem.Core.Events;

namespace Postmortem.Teams.Inbound;

/// <summary>Where inbound Teams events go (the Host's inbox); Teams is answered only after this returns.</summary>
public interface ITeamsEventSink
{
    /// <summary>Stores the event durably; false when an event with the same id was already stored.</summary>
    Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct);
}
