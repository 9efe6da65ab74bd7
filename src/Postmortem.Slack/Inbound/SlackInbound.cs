using Postmortem.Core.Events;

namespace Postmortem.Slack.Inbound;

/// <summary>What a verified Slack request turned out to be.</summary>
public abstract record SlackInbound
{
    private SlackInbound()
    {
    }

    /// <summary>Slack checking the request URL; answer with the challenge.</summary>
    public sealed record UrlVerification(string Challenge) : SlackInbound;

    /// <summary>
    /// Zero or more neutral events. Empty means acknowledged and ignored; <see cref="Reason"/> then says why
    /// (for a debug log).
    /// </summary>
    public sealed record Events(SlackInboundSource Source, IReadOnlyList<ChatEvent> Items, string? Reason = null) : SlackInbound;

    /// <summary>Not a payload we can read (bad JSON, a required field missing).</summary>
    public sealed record Malformed(string Reason) : SlackInbound;

    internal static Events Ignored(SlackInboundSource source, string reason) => new(source, [], reason);

    internal static Events One(SlackInboundSource source, ChatEvent chatEvent) => new(source, [chatEvent]);
}
