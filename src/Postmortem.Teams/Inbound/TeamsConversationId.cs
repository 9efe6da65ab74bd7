namespace Postmortem.Teams.Inbound;

/// <summary>
/// A Teams conversation id split into the conversation itself and, for a channel reply chain
/// (<c>19:…@thread.tacv2;messageid=ROOT</c>), the id of the chain's root message.
/// </summary>
internal readonly record struct TeamsConversationId(string ConversationId, string? RootMessageId)
{
    private const string MessageIdMarker = ";messageid=";

    public static TeamsConversationId Parse(string id)
    {
        var at = id.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return new TeamsConversationId(id, null);
        }

        var root = id[(at + MessageIdMarker.Length)..];
        var end = root.IndexOf(';', StringComparison.Ordinal);
        if (end >= 0)
        {
            root = root[..end];
        }

        return new TeamsConversationId(id[..at], root.Length == 0 ? null : root);
    }
}
