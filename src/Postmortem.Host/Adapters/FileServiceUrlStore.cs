using System.Text.Json;
using Postmortem.Teams.Inbound;

namespace Postmortem.Host.Adapters;

/// <summary>
/// Teams serviceUrls per conversation, kept in a small JSON file beside the database so actions still waiting in
/// the outbox after a restart know where to go.
/// </summary>
internal sealed class FileServiceUrlStore : IServiceUrlStore
{
    private readonly string _file;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, string>? _urls;

    public FileServiceUrlStore(string file)
    {
        _file = file;
    }

    public async ValueTask RememberAsync(string tenantId, string conversationId, string serviceUrl, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var urls = await LoadAsync(ct).ConfigureAwait(false);
            if (urls.TryGetValue(Key(tenantId, conversationId), out var known) && known == serviceUrl)
            {
                return;
            }

            urls[Key(tenantId, conversationId)] = serviceUrl;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_file))!);
            var temporary = _file + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(urls), ct).ConfigureAwait(false);
            File.Move(temporary, _file, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<string?> FindAsync(string tenantId, string conversationId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var urls = await LoadAsync(ct).ConfigureAwait(false);
            return urls.TryGetValue(Key(tenantId, conversationId), out var url) ? url : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> LoadAsync(CancellationToken ct)
    {
        if (_urls is null)
        {
            _urls = File.Exists(_file)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(_file, ct).ConfigureAwait(false)) ?? []
                : [];
        }

        return _urls;
    }

    private static string Key(string tenantId, string conversationId) => $"{tenantId}\n{conversationId}";
}
