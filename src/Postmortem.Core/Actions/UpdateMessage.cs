namespace Postmortem.Core.Actions;

/// <summary>Replace the content of the bot's earlier post with action key <see cref="TargetKey"/>.</summary>
public sealed record UpdateMessage : ChatAction
{
    public required string TargetKey { get; init; }

    public required MessageContent Content { get; init; }
}
