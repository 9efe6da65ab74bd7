namespace Postmortem.Core.Actions;

/// <summary>Post a message to the channel, or as a reply in a thread.</summary>
public sealed record PostMessage : ChatAction
{
    public required MessageContent Content { get; init; }

    /// <summary>Reply under the bot's own earlier post with this action key (e.g. a 5-Whys thread root).</summary>
    public string? ThreadKey { get; init; }

    /// <summary>Reply under this platform message id (a thread a person started).</summary>
    public string? ThreadId { get; init; }

    public override string? PostKey => Key;
}
