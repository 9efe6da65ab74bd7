using System.Collections.Concurrent;

namespace Postmortem.Teams.Inbound;

/// <summary>An <see cref="IServiceUrlStore"/> that forgets on restart (Teams sends the serviceUrl again with the next activity).</summary>
public sealed class InMemoryServiceUrlStore : IServiceUrlStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Conversation), string> urls = new();

    public ValueTask RememberAsync(string tenantId, string conversationId, string serviceUrl, CancellationToken ct)
    {
        urls[(tenantId, conversationId)] = serviceUrl;
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> FindAsync(string tenantId, string conversationId, CancellationToken ct) =>
        ValueTask.FromResult(urls.TryGetValue((tenantId, conversationId), out var url) ? url : null);
}
