using System.Text.Json;
using Postmortem.Core.Chat;

namespace Postmortem.Host.Playground;

/// <summary>
/// The one incident channel of the playground: messages, threads, reactions and the bot's posts, kept in memory
/// and saved to a JSON file after every change so a restart keeps the conversation.
/// </summary>
public sealed class PlaygroundChannel
{
    public const string BotName = "Postmortem";

    /// <summary>The channel as the rest of the bot knows it.</summary>
    public static readonly ChannelRef Ref = new("playground", "local", "incident", "incident");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Lock _gate = new();
    private readonly string _file;
    private readonly TimeProvider _time;
    private List<PlaygroundMessage>? _messages;
    private long _nextId;

    public PlaygroundChannel(string file, TimeProvider time)
    {
        _file = file;
        _time = time;
    }

    /// <summary>The messages <paramref name="user"/> sees, oldest first: ephemerals only for their user, deleted ones only when they have replies.</summary>
    public IReadOnlyList<PlaygroundMessage> Visible(string? user)
    {
        lock (_gate)
        {
            var messages = Load();
            var parents = messages.Where(m => m.ThreadId is not null).Select(m => m.ThreadId!).ToHashSet(StringComparer.Ordinal);
            return messages
                .Where(m => m.EphemeralFor is null || string.Equals(m.EphemeralFor, user, StringComparison.OrdinalIgnoreCase))
                .Where(m => !m.Deleted || parents.Contains(m.Id))
                .ToList();
        }
    }

    public PlaygroundMessage? Find(string id)
    {
        lock (_gate)
        {
            return Load().Find(m => m.Id == id && !m.Deleted);
        }
    }

    /// <summary>The bot's post for an action key (ephemerals included), if it was made.</summary>
    public PlaygroundMessage? FindByActionKey(string actionKey)
    {
        lock (_gate)
        {
            return Load().Find(m => m.ActionKey == actionKey && !m.Deleted);
        }
    }

    /// <summary>The thread root a reply to <paramref name="messageId"/> belongs under, or null when there is no such message.</summary>
    public string? ThreadRootOf(string messageId)
    {
        var message = Find(messageId);
        return message is null ? null : message.ThreadId ?? message.Id;
    }

    /// <summary>Adds a message; <paramref name="create"/> gets the new id and the time now.</summary>
    public PlaygroundMessage Add(Func<string, DateTimeOffset, PlaygroundMessage> create)
    {
        lock (_gate)
        {
            var messages = Load();
            var message = create($"m{++_nextId}", _time.GetUtcNow());
            messages.Add(message);
            Save(messages);
            return message;
        }
    }

    /// <summary>Changes a message; returns the new version, or null when there is no such message.</summary>
    public PlaygroundMessage? Update(string id, Func<PlaygroundMessage, DateTimeOffset, PlaygroundMessage> change)
    {
        lock (_gate)
        {
            var messages = Load();
            var index = messages.FindIndex(m => m.Id == id && !m.Deleted);
            if (index < 0)
            {
                return null;
            }

            var updated = change(messages[index], _time.GetUtcNow());
            if (updated == messages[index])
            {
                return updated;
            }

            messages[index] = updated;
            Save(messages);
            return updated;
        }
    }

    /// <summary>The Markdown of the most recently published postmortem.</summary>
    public PlaygroundMessage? LatestPostmortem()
    {
        lock (_gate)
        {
            return Load()
                .Where(m => m.File is not null && !m.Deleted)
                .OrderByDescending(m => m.EditedAt ?? m.PostedAt)
                .FirstOrDefault();
        }
    }

    private List<PlaygroundMessage> Load()
    {
        if (_messages is not null)
        {
            return _messages;
        }

        if (File.Exists(_file))
        {
            var stored = JsonSerializer.Deserialize<StoredChannel>(File.ReadAllText(_file), Json);
            _messages = stored?.Messages.ToList() ?? [];
            _nextId = stored?.NextId ?? 0;
        }
        else
        {
            _messages = [];
        }

        return _messages;
    }

    private void Save(List<PlaygroundMessage> messages)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(_file));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new StoredChannel(_nextId, messages), Json));
        File.Move(temporary, _file, overwrite: true);
    }

    private sealed record StoredChannel(long NextId, IReadOnlyList<PlaygroundMessage> Messages);
}
