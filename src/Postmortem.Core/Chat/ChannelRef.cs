namespace Postmortem.Core.Chat;

/// <summary>Where a conversation happens: platform, tenant (Slack workspace / Teams tenant) and channel.</summary>
/// <param name="Platform">Adapter name ("slack", "teams", "playground"); Core carries it but never branches on it.</param>
public sealed record ChannelRef(string Platform, string TenantId, string ChannelId, string? Name = null, string? Link = null)
{
    /// <summary>A stable key for storage and logs.</summary>
    public string Key => $"{Platform}/{TenantId}/{ChannelId}";
}
