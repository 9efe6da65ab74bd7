using Postmortem.Core.Chat;
using Postmortem.Core.Events;

namespace Postmortem.Teams.Inbound;

/// <summary>What an authenticated Teams activity turned out to be.</summary>
public abstract record TeamsInbound
{
    private TeamsInbound()
    {
    }

    /// <summary>One or more neutral events for the inbox (a reaction activity may carry several).</summary>
    public sealed record Events(IReadOnlyList<ChatEvent> Items) : TeamsInbound;

    /// <summary>The bot was added to a team, channel or chat: the endpoint may greet it through the outbound side.</summary>
    /// <param name="ConversationId">The conversation to greet in, as Teams names it.</param>
    public sealed record Welcome(ChannelRef Channel, string ConversationId, string? ServiceUrl) : TeamsInbound;

    /// <summary>Nothing for the bot here; acknowledged. <see cref="Reason"/> is for a debug log.</summary>
    public sealed record Ignored(string Reason) : TeamsInbound;

    /// <summary>Not an activity we can read (bad JSON, a required field missing).</summary>
    public sealed record Malformed(string Reason) : TeamsInbound;
}
