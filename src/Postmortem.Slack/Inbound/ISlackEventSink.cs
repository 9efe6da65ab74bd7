using Postmortem.Core.Events;

namespace Postmortem.Slack.Inbound;

/// <summary>Where inbound Slack events go (the Host's inbox); Slack is acknowledged only after this returns.</summary>
public interface ISlackEventSink
{
    /// <summary>Stores the event durably; false when an event with the same id was already stored.</summary>
    Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct);
}
