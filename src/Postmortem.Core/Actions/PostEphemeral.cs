namespace Postmortem.Core.Actions;

/// <summary>A reply only <see cref="UserId"/> sees (usage, refusals of commands); adapters without it reply in thread.</summary>
public sealed record PostEphemeral : ChatAction
{
    public required string UserId { get; init; }

    public required MessageContent Content { get; init; }

    public string? ThreadId { get; init; }
}
