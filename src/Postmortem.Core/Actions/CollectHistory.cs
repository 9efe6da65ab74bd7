namespace Postmortem.Core.Actions;

/// <summary>
/// Fetch the channel's history (thread replies included) since <see cref="Since"/> and feed it back as
/// <see cref="Events.MessagePosted"/> events, updating the progress post with key <see cref="ProgressKey"/>.
/// Adapters whose platform keeps no history (or that already saw every message) do nothing.
/// </summary>
public sealed record CollectHistory : ChatAction
{
    public DateTimeOffset? Since { get; init; }

    public required string ProgressKey { get; init; }

    public override string? PostKey => ProgressKey;
}
