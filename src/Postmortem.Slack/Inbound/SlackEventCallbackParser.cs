using System.Text.Json;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using static Postmortem.Slack.Inbound.SlackJson;

namespace Postmortem.Slack.Inbound;

/// <summary>Turns an Events API <c>event_callback</c> envelope into neutral events.</summary>
internal sealed class SlackEventCallbackParser(SlackOptions options, SlackWorkspace workspace)
{
    private const SlackInboundSource Source = SlackInboundSource.EventsApi;

    private string? BotUser => workspace.BotUser(options);

    /// <summary>The envelope fields every event shares.</summary>
    private sealed record Envelope(string TeamId, string EventId, string? AppId);

    public SlackInbound Parse(JsonElement root)
    {
        var envelope = new Envelope(
            Required(root, "team_id"),
            Required(root, "event_id"),
            NonEmpty(String(root, "api_app_id")));
        var ev = RequiredObject(root, "event");
        var type = Required(ev, "type", "event.type");
        return type switch
        {
            "message" => Message(envelope, ev),
            "app_mention" => AppMention(envelope, ev),
            "reaction_added" or "reaction_removed" => Reaction(envelope, ev, added: type == "reaction_added"),
            "member_joined_channel" => MemberJoined(envelope, root, ev),
            "pin_added" => PinAdded(envelope, ev),
            _ => SlackInbound.Ignored(Source, $"event type '{type}' is not handled"),
        };
    }

    private SlackInbound Message(Envelope envelope, JsonElement ev)
    {
        var subtype = String(ev, "subtype");
        return subtype switch
        {
            null or "thread_broadcast" or "bot_message" or "file_share" or "me_message" => Posted(envelope, ev, subtype),
            "message_changed" => Edited(envelope, ev),
            "message_deleted" => Deleted(envelope, ev),
            _ => SlackInbound.Ignored(Source, $"message subtype '{subtype}' is ignored"),
        };
    }

    private SlackInbound Posted(Envelope envelope, JsonElement ev, string? subtype)
    {
        var ts = Required(ev, "ts", "event.ts");
        var text = SlackText.Decode(String(ev, "text"));
        var channelId = Required(ev, "channel", "event.channel");
        var threadId = ThreadOf(String(ev, "thread_ts"), ts);
        var author = Author(envelope, ev, subtype);
        return SlackInbound.One(Source, new MessagePosted
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, channelId),
            OccurredAt = SlackTimestamp.Parse(ts, "event.ts"),
            MessageId = ts,
            ThreadId = threadId,
            Link = workspace.MessageLink(channelId, ts, threadId),
            Author = author,
            Text = text,
            MentionNames = SlackText.MentionNames(text),
            HasFile = subtype == "file_share" || HasItems(ev, "files"),
            AlsoInChannel = subtype == "thread_broadcast",
            // A person's mention of the bot also comes as an app_mention, which is where it is acted on.
            AddressesBot = !author.IsBot && SlackText.Mentions(text, BotUser),
        });
    }

    private static SlackInbound Edited(Envelope envelope, JsonElement ev)
    {
        var message = RequiredObject(ev, "message");
        var previous = Object(ev, "previous_message");
        var messageTs = NonEmpty(String(message, "ts"))
            ?? NonEmpty(previous is { } p ? String(p, "ts") : null)
            ?? throw new SlackPayloadException("missing event.message.ts");
        var text = SlackText.Decode(String(message, "text"));
        return SlackInbound.One(Source, new MessageEdited
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, Required(ev, "channel", "event.channel")),
            OccurredAt = SlackTimestamp.Parse(String(ev, "ts") ?? String(ev, "event_ts"), "event.ts"),
            MessageId = messageTs,
            ThreadId = ThreadOf(String(message, "thread_ts"), messageTs),
            NewText = text,
            MentionNames = SlackText.MentionNames(text),
        });
    }

    private static SlackInbound Deleted(Envelope envelope, JsonElement ev)
    {
        var deletedTs = Required(ev, "deleted_ts", "event.deleted_ts");
        var previous = Object(ev, "previous_message");
        return SlackInbound.One(Source, new MessageDeleted
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, Required(ev, "channel", "event.channel")),
            OccurredAt = SlackTimestamp.Parse(String(ev, "ts") ?? String(ev, "event_ts"), "event.ts"),
            MessageId = deletedTs,
            ThreadId = previous is { } p ? ThreadOf(String(p, "thread_ts"), deletedTs) : null,
        });
    }

    private SlackInbound AppMention(Envelope envelope, JsonElement ev)
    {
        var ts = Required(ev, "ts", "event.ts");
        var text = SlackText.WithoutMentionsOf(SlackText.Decode(String(ev, "text")), BotUser);
        var userId = Required(ev, "user", "event.user");
        return SlackInbound.One(Source, new CommandInvoked
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, Required(ev, "channel", "event.channel")),
            OccurredAt = SlackTimestamp.Parse(ts, "event.ts"),
            User = User(userId, NonEmpty(String(ev, "username")) ?? ProfileName(ev)),
            Text = text,
            MentionNames = SlackText.MentionNames(text),
            ThreadId = ThreadOf(String(ev, "thread_ts"), ts),
            MessageId = ts,
            HasFile = HasItems(ev, "files"),
        });
    }

    private SlackInbound Reaction(Envelope envelope, JsonElement ev, bool added)
    {
        var item = RequiredObject(ev, "item");
        var itemType = String(item, "type");
        if (itemType != "message")
        {
            return SlackInbound.Ignored(Source, $"reaction on a '{itemType}' item is ignored");
        }

        var name = Required(ev, "reaction", "event.reaction");
        var channel = Channel(envelope, Required(item, "channel", "event.item.channel"));
        var occurredAt = SlackTimestamp.Parse(String(ev, "event_ts"), "event.event_ts");
        var messageId = Required(item, "ts", "event.item.ts");
        var user = User(Required(ev, "user", "event.user"), null);
        var kind = SlackReactions.Kind(name);
        ChatEvent result = added
            ? new ReactionAdded
            {
                EventId = envelope.EventId, Channel = channel, OccurredAt = occurredAt,
                MessageId = messageId, User = user, Kind = kind, Name = name,
            }
            : new ReactionRemoved
            {
                EventId = envelope.EventId, Channel = channel, OccurredAt = occurredAt,
                MessageId = messageId, User = user, Kind = kind, Name = name,
            };
        return SlackInbound.One(Source, result);
    }

    private SlackInbound MemberJoined(Envelope envelope, JsonElement root, JsonElement ev)
    {
        var user = Required(ev, "user", "event.user");
        var channel = Required(ev, "channel", "event.channel");
        if (user != BotUser)
        {
            return SlackInbound.Ignored(Source, "a member joined the channel");
        }

        var seconds = root.TryGetProperty("event_time", out var time) && time.TryGetInt64(out var value) ? value : 0;
        return SlackInbound.One(Source, new BotJoined
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, channel),
            OccurredAt = DateTimeOffset.FromUnixTimeSeconds(seconds),
        });
    }

    private SlackInbound PinAdded(Envelope envelope, JsonElement ev)
    {
        var item = RequiredObject(ev, "item");
        var itemType = String(item, "type");
        if (itemType != "message")
        {
            return SlackInbound.Ignored(Source, $"pin of a '{itemType}' item is ignored");
        }

        var message = Object(item, "message") ?? throw new SlackPayloadException("missing event.item.message");
        var channelId = NonEmpty(String(ev, "channel_id")) ?? Required(item, "channel", "event.channel_id");
        return SlackInbound.One(Source, new ReactionAdded
        {
            EventId = envelope.EventId,
            Channel = Channel(envelope, channelId),
            OccurredAt = SlackTimestamp.Parse(String(ev, "event_ts"), "event.event_ts"),
            MessageId = Required(message, "ts", "event.item.message.ts"),
            User = User(Required(ev, "user", "event.user"), null),
            Kind = ReactionKind.Highlight,
            Name = "pin",
        });
    }

    private ChatUser Author(Envelope envelope, JsonElement ev, string? subtype)
    {
        var userId = NonEmpty(String(ev, "user"));
        var botId = NonEmpty(String(ev, "bot_id"));
        var id = userId ?? botId ?? throw new SlackPayloadException("missing event.user");
        var botProfile = Object(ev, "bot_profile");
        var appId = NonEmpty(String(ev, "app_id")) ?? (botProfile is { } bp ? NonEmpty(String(bp, "app_id")) : null);
        var isSelf = (userId is not null && userId == BotUser)
            || (botId is not null && botId == options.BotId)
            || (appId is not null && appId == envelope.AppId);
        var name = NonEmpty(String(ev, "username"))
            ?? (botProfile is { } profile ? NonEmpty(String(profile, "name")) : null)
            ?? ProfileName(ev)
            ?? id;
        return new ChatUser(id, name, IsBot: subtype == "bot_message" || botId is not null, IsSelf: isSelf);
    }

    private ChatUser User(string id, string? name) =>
        new(id, name ?? id, IsSelf: id == BotUser);

    private static string? ProfileName(JsonElement ev) =>
        Object(ev, "user_profile") is { } profile
            ? NonEmpty(String(profile, "display_name")) ?? NonEmpty(String(profile, "real_name"))
            : null;

    private static ChannelRef Channel(Envelope envelope, string channelId) => new("slack", envelope.TeamId, channelId);

    private static string? ThreadOf(string? threadTs, string ts) =>
        string.IsNullOrEmpty(threadTs) || threadTs == ts ? null : threadTs;
}
