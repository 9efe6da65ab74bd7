using Postmortem.Core.Actions;

namespace Postmortem.Host.Playground;

/// <summary>A message in the playground channel, as people and the bot see it.</summary>
public sealed record PlaygroundMessage
{
    public required string Id { get; init; }

    /// <summary>The thread's first message id for a reply; null for a top-level message.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The user name (user ids are plain names in the playground), or the bot's name.</summary>
    public required string Author { get; init; }

    /// <summary>Posted by the Postmortem bot.</summary>
    public bool IsBot { get; init; }

    /// <summary>A <c>/postmortem …</c> command as typed (shown, but not part of the timeline).</summary>
    public bool IsCommand { get; init; }

    /// <summary>Text with mentions in the neutral <c>&lt;@name&gt;</c> form.</summary>
    public required string Text { get; init; }

    public required DateTimeOffset PostedAt { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>Deleted; kept only so its thread replies still have a parent.</summary>
    public bool Deleted { get; init; }

    /// <summary>Set for an ephemeral bot reply: only this user sees it.</summary>
    public string? EphemeralFor { get; init; }

    /// <summary>The bot's action key for its own posts, so a retried action finds the earlier post.</summary>
    public string? ActionKey { get; init; }

    /// <summary>The bot's <see cref="MessagePurpose"/>, for styling.</summary>
    public string? Purpose { get; init; }

    public IReadOnlyList<MessageButton> Buttons { get; init; } = [];

    public IReadOnlyList<PlaygroundReaction> Reactions { get; init; } = [];

    public PlaygroundAttachment? File { get; init; }
}
