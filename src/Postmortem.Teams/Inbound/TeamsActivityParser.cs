using System.Globalization;
using System.Text.Json;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Teams.Activities;

namespace Postmortem.Teams.Inbound;

/// <summary>
/// Turns an authenticated Teams activity into Core's neutral events. Event ids are
/// <c>{conversation.id}:{activity id}:{type}</c> plus what tells apart several events of one activity (reaction
/// added/removed and its type, the card action) or several activities about one message (edit/delete: the timestamp,
/// because Teams gives those activities the message's own id).
/// </summary>
public sealed class TeamsActivityParser
{
    public const string Platform = "teams";

    private const string CardActionInvoke = "adaptiveCard/action";

    /// <summary>Reads and converts one activity body.</summary>
    public TeamsInbound Parse(ReadOnlySpan<byte> utf8Json)
    {
        TeamsActivity activity;
        try
        {
            activity = TeamsJson.ReadActivity(utf8Json);
        }
        catch (JsonException e)
        {
            return new TeamsInbound.Malformed($"not an activity: {e.Message}");
        }

        return Parse(activity);
    }

    public TeamsInbound Parse(TeamsActivity activity)
    {
        switch (activity.Type)
        {
            case null or "":
                return new TeamsInbound.Malformed("the activity has no type");
            case "message":
                return Message(activity);
            case "messageUpdate":
                return Update(activity);
            case "messageDelete":
                return Delete(activity);
            case "messageReaction":
                return Reaction(activity);
            case "invoke":
                return Invoke(activity);
            case "conversationUpdate":
                return ConversationUpdate(activity);
            default:
                return new TeamsInbound.Ignored($"activity type {activity.Type} is not used");
        }
    }

    private static TeamsInbound Message(TeamsActivity activity)
    {
        if (Context.Read(activity) is not { } context)
        {
            return Malformed(activity);
        }

        var personal = string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
        var text = TeamsText.Convert(activity, dropBotMention: true);

        if (string.IsNullOrEmpty(activity.Text) && CardSubmit(activity.Value) is { } submit)
        {
            // An Action.Submit button on a card arrives as a message whose value is the button's data.
            return One(new ButtonPressed
            {
                EventId = context.EventId($"submit:{submit.ActionId}"),
                Channel = context.Channel,
                OccurredAt = context.OccurredAt,
                User = context.User,
                ActionId = submit.ActionId,
                Value = submit.Value,
                MessageId = ReplyTarget(activity),
            });
        }

        if (personal)
        {
            return One(Command(context, activity, text));
        }

        if (text.BotMentioned)
        {
            // Like Slack's message event beside its app_mention: the message is collected into the timeline as said
            // (with the bot's mention), and what it says to the bot is acted on once, from the command.
            var asSaid = TeamsText.Convert(activity, dropBotMention: false);
            return new TeamsInbound.Events([Posted(context, activity, asSaid, "posted") with { AddressesBot = true }, Command(context, activity, text)]);
        }

        return One(Posted(context, activity, text, detail: null));
    }

    private static CommandInvoked Command(Context context, TeamsActivity activity, TeamsTextResult text) => new()
    {
        EventId = context.EventId(),
        Channel = context.Channel,
        OccurredAt = context.OccurredAt,
        User = context.User,
        Text = text.Text,
        MentionNames = text.MentionNames,
        ThreadId = context.ThreadId,
        MessageId = context.ActivityId,
        HasFile = HasFile(activity),
    };

    private static MessagePosted Posted(Context context, TeamsActivity activity, TeamsTextResult text, string? detail) => new()
    {
        EventId = context.EventId(detail),
        Channel = context.Channel,
        OccurredAt = context.OccurredAt,
        MessageId = context.ActivityId,
        ThreadId = context.ThreadId,
        Author = context.User,
        Text = text.Text,
        MentionNames = text.MentionNames,
        HasFile = HasFile(activity),
    };

    private static TeamsInbound Update(TeamsActivity activity)
    {
        var eventType = activity.ChannelData?.EventType;
        if (eventType is not (null or "editMessage" or "undeleteMessage"))
        {
            return new TeamsInbound.Ignored($"messageUpdate {eventType} is not used");
        }

        if (Context.Read(activity) is not { } context)
        {
            return Malformed(activity);
        }

        if (activity.Text is null)
        {
            return new TeamsInbound.Ignored("messageUpdate without text");
        }

        var text = TeamsText.Convert(activity, dropBotMention: false);
        return One(new MessageEdited
        {
            EventId = context.EventId($"{eventType ?? "editMessage"}:{context.Stamp}"),
            Channel = context.Channel,
            OccurredAt = context.OccurredAt,
            MessageId = context.ActivityId,
            ThreadId = context.ThreadId,
            NewText = text.Text,
            MentionNames = text.MentionNames,
        });
    }

    private static TeamsInbound Delete(TeamsActivity activity)
    {
        var eventType = activity.ChannelData?.EventType;
        if (eventType is not (null or "softDeleteMessage"))
        {
            return new TeamsInbound.Ignored($"messageDelete {eventType} is not used");
        }

        if (Context.Read(activity) is not { } context)
        {
            return Malformed(activity);
        }

        return One(new MessageDeleted
        {
            EventId = context.EventId($"{eventType ?? "softDeleteMessage"}:{context.Stamp}"),
            Channel = context.Channel,
            OccurredAt = context.OccurredAt,
            MessageId = context.ActivityId,
            ThreadId = context.ThreadId,
        });
    }

    private static TeamsInbound Reaction(TeamsActivity activity)
    {
        if (Context.Read(activity) is not { } context)
        {
            return Malformed(activity);
        }

        var messageId = ReplyTarget(activity);
        if (messageId is null)
        {
            return new TeamsInbound.Malformed("messageReaction without replyToId");
        }

        var events = new List<ChatEvent>();
        foreach (var reaction in activity.ReactionsAdded ?? [])
        {
            events.Add(new ReactionAdded
            {
                EventId = context.EventId($"added:{reaction.Type}"),
                Channel = context.Channel,
                OccurredAt = context.OccurredAt,
                MessageId = messageId,
                User = context.User,
                Kind = TeamsReactions.Kind(reaction.Type),
                Name = reaction.Type,
            });
        }

        foreach (var reaction in activity.ReactionsRemoved ?? [])
        {
            events.Add(new ReactionRemoved
            {
                EventId = context.EventId($"removed:{reaction.Type}"),
                Channel = context.Channel,
                OccurredAt = context.OccurredAt,
                MessageId = messageId,
                User = context.User,
                Kind = TeamsReactions.Kind(reaction.Type),
                Name = reaction.Type,
            });
        }

        return events.Count == 0
            ? new TeamsInbound.Ignored("messageReaction without reactions")
            : new TeamsInbound.Events(events);
    }

    private static TeamsInbound Invoke(TeamsActivity activity)
    {
        if (!string.Equals(activity.Name, CardActionInvoke, StringComparison.OrdinalIgnoreCase))
        {
            return new TeamsInbound.Ignored($"invoke {activity.Name} is not used");
        }

        if (Context.Read(activity) is not { } context)
        {
            return Malformed(activity);
        }

        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return new TeamsInbound.Malformed("adaptiveCard/action without value.action");
        }

        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        var actionId = StringOf(data, "actionId") ?? StringOf(action, "verb");
        if (string.IsNullOrEmpty(actionId))
        {
            return new TeamsInbound.Ignored("adaptiveCard/action without verb or actionId");
        }

        return One(new ButtonPressed
        {
            EventId = context.EventId(actionId),
            Channel = context.Channel,
            OccurredAt = context.OccurredAt,
            User = context.User,
            ActionId = actionId,
            Value = ValueOf(data),
            MessageId = ReplyTarget(activity),
        });
    }

    private static TeamsInbound ConversationUpdate(TeamsActivity activity)
    {
        var botId = activity.Recipient?.Id;
        var botAdded = !string.IsNullOrEmpty(botId)
            && (activity.MembersAdded ?? []).Any(m => string.Equals(m.Id, botId, StringComparison.Ordinal));
        if (!botAdded)
        {
            return new TeamsInbound.Ignored($"conversationUpdate {activity.ChannelData?.EventType ?? "(no eventType)"} is not used");
        }

        var conversationId = activity.Conversation?.Id;
        var tenantId = TenantOf(activity);
        if (string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(tenantId))
        {
            return new TeamsInbound.Malformed("conversationUpdate without conversation.id or tenant id");
        }

        return new TeamsInbound.Welcome(ChannelOf(activity, tenantId, conversationId), conversationId, activity.ServiceUrl);
    }

    /// <summary>The tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    internal static string? TenantOf(TeamsActivity activity) =>
        NullIfEmpty(activity.ChannelData?.Tenant?.Id) ?? NullIfEmpty(activity.Conversation?.TenantId);

    internal static ChannelRef ChannelOf(TeamsActivity activity, string tenantId, string conversationId) =>
        new(
            Platform,
            tenantId,
            TeamsConversationId.Parse(conversationId).ConversationId,
            NullIfEmpty(activity.ChannelData?.Channel?.Name) ?? NullIfEmpty(activity.Conversation?.Name));

    /// <summary>The message a reaction or card action is about: <c>replyToId</c>, else <c>legacy.replyToId</c>.</summary>
    private static string? ReplyTarget(TeamsActivity activity)
    {
        if ((NullIfEmpty(activity.ReplyToId) ?? NullIfEmpty(activity.ChannelData?.Legacy?.ReplyToId)) is { } id)
        {
            return id;
        }

        // Older documentation samples put "legacy" at the root of the activity.
        return activity.Extra?.TryGetValue("legacy", out var legacy) == true && legacy.ValueKind == JsonValueKind.Object
            ? NullIfEmpty(StringOf(legacy, "replyToId"))
            : null;
    }

    private static (string ActionId, string? Value)? CardSubmit(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data || StringOf(data, "actionId") is not { Length: > 0 } actionId)
        {
            return null;
        }

        return (actionId, ValueOf(data));
    }

    private static string? ValueOf(JsonElement? data)
    {
        if (data is not { } element || !element.TryGetProperty("value", out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    private static string? StringOf(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;

    private static bool HasFile(TeamsActivity activity) =>
        (activity.Attachments ?? []).Any(a => a.ContentType is { } type
            && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/vnd.microsoft.card.", StringComparison.OrdinalIgnoreCase))
        || (activity.Text?.Contains("<img", StringComparison.OrdinalIgnoreCase) ?? false);

    private static TeamsInbound One(ChatEvent chatEvent) => new TeamsInbound.Events([chatEvent]);

    private static TeamsInbound.Malformed Malformed(TeamsActivity activity) => new(Context.Problem(activity));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>What every event needs from an activity.</summary>
    private sealed record Context(
        ChannelRef Channel, string ConversationId, string ActivityId, string Type, string? ThreadId, DateTimeOffset OccurredAt, ChatUser User)
    {
        /// <summary>The activity's timestamp in a compact, sortable form for event ids.</summary>
        public string Stamp => OccurredAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);

        public string EventId(string? detail = null) =>
            detail is null ? $"{ConversationId}:{ActivityId}:{Type}" : $"{ConversationId}:{ActivityId}:{Type}:{detail}";

        public static Context? Read(TeamsActivity activity)
        {
            var conversationId = activity.Conversation?.Id;
            var tenantId = TenantOf(activity);
            if (Problem(activity, conversationId, tenantId) is not null)
            {
                return null;
            }

            var from = activity.From!;
            var botId = activity.Recipient?.Id;
            var user = new ChatUser(
                from.Id!,
                from.Name ?? string.Empty,
                IsBot: string.Equals(from.Role, "bot", StringComparison.OrdinalIgnoreCase)
                    || from.Id!.StartsWith("28:", StringComparison.Ordinal),
                IsSelf: !string.IsNullOrEmpty(botId) && string.Equals(from.Id, botId, StringComparison.Ordinal));

            var root = TeamsConversationId.Parse(conversationId!).RootMessageId;
            var threadId = root is not null && !string.Equals(root, activity.Id, StringComparison.Ordinal) ? root : null;
            return new Context(
                ChannelOf(activity, tenantId!, conversationId!),
                conversationId!,
                activity.Id!,
                activity.Type!,
                threadId,
                activity.Timestamp!.Value.ToUniversalTime(),
                user);
        }

        public static string Problem(TeamsActivity activity) =>
            Problem(activity, activity.Conversation?.Id, TenantOf(activity)) ?? "the activity is incomplete";

        private static string? Problem(TeamsActivity activity, string? conversationId, string? tenantId) =>
            string.IsNullOrEmpty(activity.Id) ? $"{activity.Type} without id"
            : string.IsNullOrEmpty(conversationId) ? $"{activity.Type} without conversation.id"
            : string.IsNullOrEmpty(tenantId) ? $"{activity.Type} without a tenant id"
            : activity.Timestamp is null ? $"{activity.Type} without timestamp"
            : string.IsNullOrEmpty(activity.From?.Id) ? $"{activity.Type} without from.id"
            : null;
    }
}
