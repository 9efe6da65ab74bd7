using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Teams.Inbound;
using Postmortem.Teams.Outbound;

namespace Postmortem.Host.Adapters;

/// <summary>
/// Teams events into the inbox; the names they carry are remembered so the bot's replies can mention people by
/// name (Core's actions carry only user ids).
/// </summary>
internal sealed class TeamsInboxSink(InboxSink inbox, TeamsUserNames names) : ITeamsEventSink
{
    public Task<bool> AcceptAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        var (user, mentions) = chatEvent switch
        {
            MessagePosted posted => (posted.Author, posted.MentionNames),
            CommandInvoked command => (command.User, command.MentionNames),
            MessageEdited edited => ((ChatUser?)null, edited.MentionNames),
            ReactionAdded added => (added.User, null),
            ButtonPressed pressed => (pressed.User, null),
            _ => ((ChatUser?)null, (IReadOnlyDictionary<string, string>?)null),
        };
        if (user is { IsSelf: false } && user.DisplayName != user.Id)
        {
            names.Remember(user.Id, user.DisplayName);
        }

        foreach (var (id, name) in mentions ?? new Dictionary<string, string>())
        {
            names.Remember(id, name);
        }

        return inbox.AcceptAsync(chatEvent, ct);
    }
}
