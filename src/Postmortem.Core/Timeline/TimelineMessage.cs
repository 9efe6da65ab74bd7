using Postmortem.Core.Chat;

namespace Postmortem.Core.Timeline;

/// <summary>One collected message as it stands now (edits applied).</summary>
public sealed record TimelineMessage
{
    public required string MessageId { get; init; }

    /// <summary>The thread's first message id when this is a reply; null for a top-level message.</summary>
    public string? ThreadId { get; init; }

    public required ChatUser Author { get; init; }

    public required string Text { get; init; }

    /// <summary>When it was posted, by the platform's clock.</summary>
    public required DateTimeOffset PostedAt { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public string? Link { get; init; }

    public bool HasFile { get; init; }

    /// <summary>Marked with 📌 or pinned: it goes into the curated timeline table.</summary>
    public bool Highlighted { get; init; }

    /// <summary>Posted by an alerting tool (another bot).</summary>
    public bool IsAlert => Author.IsBot;

    public bool IsReply => ThreadId is not null && ThreadId != MessageId;
}
