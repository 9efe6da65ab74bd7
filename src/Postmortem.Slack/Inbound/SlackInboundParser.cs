using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using static Postmortem.Slack.Inbound.SlackJson;

namespace Postmortem.Slack.Inbound;

/// <summary>
/// Turns a verified Slack payload (Events API JSON, a slash-command form or an interactivity form) into neutral
/// events. Unknown fields are ignored; a missing required field gives <see cref="SlackInbound.Malformed"/>.
/// </summary>
public sealed class SlackInboundParser
{
    private const string FormContentType = "application/x-www-form-urlencoded";
    private const string JsonContentType = "application/json";

    private readonly SlackOptions _options;
    private readonly SlackWorkspace _workspace;
    private readonly TimeProvider _time;
    private readonly SlackEventCallbackParser _events;

    // Made once: a method group passed as a delegate would be a new delegate on every request.
    private readonly Func<JsonElement, SlackInbound> _jsonBody;
    private readonly Func<JsonElement, SlackInbound> _interaction;

    public SlackInboundParser(IOptions<SlackOptions> options, TimeProvider time)
        : this(options, time, new SlackWorkspace())
    {
    }

    /// <param name="workspace">Where message links point, once <c>auth.test</c> has told the workspace's address.</param>
    public SlackInboundParser(IOptions<SlackOptions> options, TimeProvider time, SlackWorkspace workspace)
    {
        _options = options.Value;
        _time = time;
        _workspace = workspace;
        _events = new SlackEventCallbackParser(_options, workspace);
        _jsonBody = ParseJsonBody;
        _interaction = Interaction;
    }

    /// <summary>Parses an HTTP request body by its content type (sniffed when the type is missing).</summary>
    public SlackInbound Parse(string? contentType, ReadOnlySpan<byte> body) => ParseBody(contentType, body.ToArray());

    /// <summary>As <see cref="Parse"/>, reading the JSON in place (no copy); <paramref name="body"/> must outlive the call only.</summary>
    internal SlackInbound ParseBody(string? contentType, ReadOnlyMemory<byte> body)
    {
        var mediaType = MediaType(contentType);
        if (mediaType.IsEmpty)
        {
            mediaType = body.Span.TrimStart(" \t\r\n"u8).StartsWith("{"u8) ? JsonContentType : FormContentType;
        }

        if (mediaType.Equals(JsonContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ParseJson(body, _jsonBody);
        }

        if (mediaType.Equals(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            return ParseForm(body);
        }

        return new SlackInbound.Malformed($"unsupported content type '{mediaType}'");
    }

    private static ReadOnlySpan<char> MediaType(string? contentType)
    {
        var value = contentType.AsSpan();
        var semicolon = value.IndexOf(';');
        return (semicolon >= 0 ? value[..semicolon] : value).Trim();
    }

    /// <summary>An Events API body (<c>event_callback</c>, as in a Socket Mode <c>events_api</c> envelope).</summary>
    public SlackInbound ParseEventCallback(JsonElement body) => Guard(body, root =>
        String(root, "type") == "event_callback"
            ? _events.Parse(root)
            : new SlackInbound.Malformed("not an event_callback"));

    /// <summary>A slash command whose fields come as a JSON object (a Socket Mode <c>slash_commands</c> payload).</summary>
    public SlackInbound ParseSlashCommand(JsonElement payload) => Guard(payload, fields => SlashCommand(name => String(fields, name)));

    /// <summary>An interactivity payload (decoded <c>payload</c> JSON, or a Socket Mode <c>interactive</c> payload).</summary>
    public SlackInbound ParseInteraction(JsonElement payload) => Guard(payload, _interaction);

    private SlackInbound ParseJsonBody(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SlackInbound.Malformed("the body is not a JSON object");
        }

        var type = String(root, "type");
        return type switch
        {
            "url_verification" => new SlackInbound.UrlVerification(Required(root, "challenge")),
            "event_callback" => _events.Parse(root),
            null => new SlackInbound.Malformed("missing type"),
            _ => SlackInbound.Ignored(SlackInboundSource.EventsApi, $"envelope type '{type}' is not handled"),
        };
    }

    private SlackInbound ParseForm(ReadOnlyMemory<byte> body)
    {
        var form = new SlackFormBody(body);
        if (form.Bytes("payload") is { } payload)
        {
            return ParseJson(payload, _interaction);
        }

        if (form.Contains("ssl_check"))
        {
            return SlackInbound.Ignored(SlackInboundSource.SlashCommand, "ssl_check");
        }

        if (form.Contains("command"))
        {
            return Guard(form, fields => SlashCommand(fields.Value));
        }

        return new SlackInbound.Malformed("form body has neither 'command' nor 'payload'");
    }

    private SlackInbound SlashCommand(Func<string, string?> field)
    {
        string RequiredField(string name) =>
            NonEmpty(field(name)) ?? throw new SlackPayloadException($"missing {name}");

        _ = RequiredField("command");
        var text = SlackText.Decode(field("text")).Trim();
        var userId = RequiredField("user_id");
        return SlackInbound.One(SlackInboundSource.SlashCommand, new CommandInvoked
        {
            EventId = RequiredField("trigger_id"),
            Channel = new ChannelRef("slack", RequiredField("team_id"), RequiredField("channel_id"), NonEmpty(field("channel_name"))),
            OccurredAt = _time.GetUtcNow(),
            User = User(userId, NonEmpty(field("user_name"))),
            Text = text,
            MentionNames = SlackText.MentionNames(text),
        });
    }

    private SlackInbound Interaction(JsonElement payload)
    {
        var type = Required(payload, "type");
        if (type != "block_actions")
        {
            return SlackInbound.Ignored(SlackInboundSource.Interactivity, $"interaction type '{type}' is not handled");
        }

        var user = RequiredObject(payload, "user");
        var userId = Required(user, "id", "user.id");
        var team = Object(payload, "team");
        var teamId = (team is { } t ? NonEmpty(String(t, "id")) : null) ?? Required(user, "team_id", "team.id");
        var container = Object(payload, "container");
        var channelObject = Object(payload, "channel");
        var channelId = (channelObject is { } c ? NonEmpty(String(c, "id")) : null)
            ?? (container is { } ct ? NonEmpty(String(ct, "channel_id")) : null)
            ?? throw new SlackPayloadException("missing channel.id");
        var channel = new ChannelRef("slack", teamId, channelId, channelObject is { } cn ? NonEmpty(String(cn, "name")) : null);
        var messageId = (container is { } mc ? NonEmpty(String(mc, "message_ts")) : null)
            ?? (Object(payload, "message") is { } message ? NonEmpty(String(message, "ts")) : null);
        var chatUser = User(userId, NonEmpty(String(user, "username")) ?? NonEmpty(String(user, "name")));
        var triggerId = NonEmpty(String(payload, "trigger_id"));

        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            throw new SlackPayloadException("missing actions");
        }

        var events = new List<ChatEvent>();
        foreach (var action in actions.EnumerateArray())
        {
            var actionId = Required(action, "action_id", "actions[].action_id");
            var actionTs = NonEmpty(String(action, "action_ts"));
            var key = triggerId ?? actionTs ?? throw new SlackPayloadException("missing trigger_id and action_ts");
            events.Add(new ButtonPressed
            {
                EventId = $"{key}:{actionId}",
                Channel = channel,
                OccurredAt = SlackTimestamp.TryParse(actionTs, out var at) ? at : _time.GetUtcNow(),
                User = chatUser,
                ActionId = actionId,
                Value = String(action, "value"),
                MessageId = messageId,
            });
        }

        return events.Count == 0
            ? SlackInbound.Ignored(SlackInboundSource.Interactivity, "block_actions without actions")
            : new SlackInbound.Events(SlackInboundSource.Interactivity, events);
    }

    private ChatUser User(string id, string? name) => new(id, name ?? id, IsSelf: id == _workspace.BotUser(_options));

    private static SlackInbound ParseJson(ReadOnlyMemory<byte> json, Func<JsonElement, SlackInbound> parse)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new SlackInbound.Malformed($"invalid JSON: {e.Message}");
        }

        using (document)
        {
            return Guard(document.RootElement, parse);
        }
    }

    /// <summary>
    /// Runs <paramref name="parse"/> on <paramref name="input"/>; a missing required field becomes
    /// <see cref="SlackInbound.Malformed"/>. The input is passed in, not captured, so a cached delegate serves every request.
    /// </summary>
    private static SlackInbound Guard<TInput>(TInput input, Func<TInput, SlackInbound> parse)
    {
        try
        {
            return parse(input);
        }
        catch (SlackPayloadException e)
        {
            return new SlackInbound.Malformed(e.Message);
        }
    }
}
