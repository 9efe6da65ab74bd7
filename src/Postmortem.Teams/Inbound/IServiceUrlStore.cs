namespace Postmortem.Teams.Inbound;

/// <summary>
/// The Bot Connector address (<c>serviceUrl</c>) last seen for each conversation, so the outbound side knows where to
/// post. Keyed by tenant and conversation id without the <c>;messageid=</c> suffix (a <see cref="Postmortem.Core.Chat.ChannelRef"/>'s
/// TenantId and ChannelId).
/// </summary>
public interface IServiceUrlStore
{
    ValueTask RememberAsync(string tenantId, string conversationId, string serviceUrl, CancellationToken ct);

    /// <summary>The last serviceUrl seen for the conversation, or null when none was seen.</summary>
    ValueTask<string?> FindAsync(string tenantId, string conversationId, CancellationToken ct);
}
