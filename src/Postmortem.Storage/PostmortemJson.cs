using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Timeline;

namespace Postmortem.Storage;

/// <summary>The one JSON shape for stored events, actions, sessions and timeline messages: camelCase, enums as strings.</summary>
public static class PostmortemJson
{
    /// <summary>Read-only shared options. Serialize polymorphic values as their base type (ChatEvent, ChatAction) to write the type discriminator ("eventType" / "actionType").</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static readonly Dictionary<Type, string> EventKinds = Options.GetTypeInfo(typeof(ChatEvent)).PolymorphismOptions!.DerivedTypes
        .ToDictionary(derived => derived.DerivedType, derived => (string)derived.TypeDiscriminator!);

    /// <summary>The type discriminator an event is stored with ("message_posted", …).</summary>
    public static string KindOf(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        return EventKinds[chatEvent.GetType()];
    }

    /// <summary>Like <see cref="Options"/>, but a timeline message leaves out its id: its row's key holds it.</summary>
    private static readonly JsonSerializerOptions TimelineRowOptions = Create(LeaveOutTimelineRowKey);

    /// <summary>
    /// A timeline message as its row stores it: without its id, which is the row's key (every collected message is a
    /// row, and every byte of it is written to the WAL on the request path). Read it back with <see cref="ReadTimelineRow"/>.
    /// </summary>
    public static string SerializeTimelineRow(TimelineMessage message) => JsonSerializer.Serialize(message, TimelineRowOptions);

    /// <summary>A timeline row's JSON with the message id from the row's key (older rows still carry it in the JSON too).</summary>
    public static TimelineMessage ReadTimelineRow(string json, string messageId)
    {
        var message = JsonSerializer.Deserialize<TimelineMessage>(json, TimelineRowOptions)
            ?? throw new JsonException("Stored TimelineMessage is null.");
        return message with { MessageId = messageId };
    }

    /// <summary>An event as stored: with its type discriminator.</summary>
    public static string Serialize(ChatEvent chatEvent) => JsonSerializer.Serialize(chatEvent, Options);

    /// <param name="extraModifier">One more contract change, for a variant of the shared shape (a timeline row).</param>
    private static JsonSerializerOptions Create(Action<JsonTypeInfo>? extraModifier = null)
    {
        var resolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties, OmitUnsetTimelineFields } };
        if (extraModifier is not null)
        {
            resolver.Modifiers.Add(extraModifier);
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            // A database may reorder keys (PostgreSQL jsonb does), so the type discriminator need not come first.
            AllowOutOfOrderMetadataProperties = true,
            // Stored, never embedded in HTML: text stays text (an apostrophe, a quote or a bullet is written as itself,
            // not as a six-character escape), so chat messages and replies take fewer bytes on disk.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// A timeline message (and the author in it) leaves out its optional fields while they are null or false: every
    /// collected message is one row, and every byte of it is written to the WAL on the request path (bench/slack-ack,
    /// session 7: a 322-byte row lost a third). Only these two types: they have no initial values other than null and
    /// false, so a field left out reads back as it was; rows written with every field still read the same.
    /// </summary>
    private static void OmitUnsetTimelineFields(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(TimelineMessage) && typeInfo.Type != typeof(ChatUser))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (!property.IsRequired && property.AssociatedParameter is null or { HasDefaultValue: true })
            {
                property.ShouldSerialize = static (_, value) => value is not (null or false);
            }
        }
    }

    /// <summary>The message id is not written (the row's key holds it) and need not be there to read a row.</summary>
    private static void LeaveOutTimelineRowKey(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(TimelineMessage))
        {
            return;
        }

        var idName = JsonNamingPolicy.CamelCase.ConvertName(nameof(TimelineMessage.MessageId));
        var id = typeInfo.Properties.Single(property => property.Name == idName);
        id.IsRequired = false;
        id.ShouldSerialize = static (_, _) => false;
    }

    /// <summary>Get-only properties (ChannelRef.Key, WhyChain.Conclusion, …) are derived from others: don't store them.</summary>
    private static void SkipComputedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
