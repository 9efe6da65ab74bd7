namespace Postmortem.Core.ActionItems;

/// <summary>A corrective action: a specific change, one owner, a due date and a check anyone can run.</summary>
public sealed record ActionItem
{
    public required int Number { get; init; }

    public required string Change { get; init; }

    public required string OwnerId { get; init; }

    public required DateOnly Due { get; init; }

    public required string DoneWhen { get; init; }

    public required string ProposedBy { get; init; }

    public required DateTimeOffset ProposedAt { get; init; }

    /// <summary>Action key of the bot post that shows the item.</summary>
    public required string MessageKey { get; init; }

    /// <summary>Platform id of that post, once delivered; reactions on it confirm or decline.</summary>
    public string? MessageId { get; init; }

    public ActionItemStatus Status { get; init; } = ActionItemStatus.Proposed;

    /// <summary>Who last confirmed or declined it.</summary>
    public string? DecidedBy { get; init; }

    public string? TicketUrl { get; init; }
}
