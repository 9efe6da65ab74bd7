using Postmortem.Core.Events;

namespace Postmortem.Slack.Backfill;

/// <summary>Where collected history goes (the Host's inbox); event ids are stable, so a repeat is dropped there.</summary>
public interface ISlackBackfillSink
{
    Task AcceptAsync(ChatEvent e, CancellationToken ct);
}
