using Postmortem.Core.Chat;

namespace Postmortem.Core.Events;

/// <summary>A message in the channel or in a thread; also used for history collected by backfill.</summary>
public sealed record MessagePosted : ChatEvent
{
    public required string MessageId { get; init; }

    /// <summary>The id of the thread's first message when this is a reply; null for a top-level message.</summary>
    public string? ThreadId { get; init; }

    public required ChatUser Author { get; init; }

    /// <summary>Text with mentions in the neutral <c>&lt;@ID&gt;</c> form.</summary>
    public required string Text { get; init; }

    /// <summary>Display names of users mentioned in <see cref="Text"/>, by id.</summary>
    public IReadOnlyDictionary<string, string>? MentionNames { get; init; }

    public string? Link { get; init; }

    /// <summary>The message carries a file or image.</summary>
    public bool HasFile { get; init; }

    /// <summary>A thread reply that was also sent to the channel.</summary>
    public bool AlsoInChannel { get; init; }

    /// <summary>
    /// The message mentions the bot, and the platform delivers it a second time as a <see cref="CommandInvoked"/>
    /// (Slack sends an <c>app_mention</c> beside the message event). It is collected into the timeline here; what it
    /// says to the bot (a command, or an answer in a thread) is handled once, from the command.
    /// </summary>
    public bool AddressesBot { get; init; }
}
