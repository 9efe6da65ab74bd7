using System.Collections.Concurrent;

namespace Postmortem.Teams.Outbound;

/// <summary>
/// Display names of Teams users by id, so outbound mentions read <c>&lt;at&gt;Sam&lt;/at&gt;</c>. Core actions carry
/// only ids; the Host feeds this from the events it sees (authors and <c>MentionNames</c>). Bounded; forgets on restart.
/// </summary>
public sealed class TeamsUserNames
{
    private const int MaxNames = 50_000;

    private readonly ConcurrentDictionary<string, string> names = new(StringComparer.Ordinal);

    public void Remember(string userId, string displayName)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrWhiteSpace(displayName))
        {
            return;
        }

        if (names.Count >= MaxNames && !names.ContainsKey(userId))
        {
            names.Clear();
        }

        names[userId] = displayName;
    }

    /// <summary>The remembered name, or null.</summary>
    public string? Find(string userId) => names.TryGetValue(userId, out var name) ? name : null;
}
