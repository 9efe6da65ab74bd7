using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Postmortem.Host.Tests.Slack;

/// <summary>
/// A stateful stand-in for Slack's Web API on a real loopback Kestrel server: channels with history and threads
/// (paginated with cursors, as Slack does), users, posting and updating messages with metadata, ephemerals and the
/// three-step file upload. Answers have the shapes of Slack's real responses. Time comes from the test's clock, so
/// every new message's ts follows the host's fake time (<see cref="Clock"/>).
/// </summary>
public sealed class LoopbackSlackApi : IAsyncDisposable
{
    public const string TeamId = "T0TEST0001";
    public const string BotUserId = "U0PMBOT001";
    public const string BotId = "B0PMBOT001";
    public const string AppId = "A0PMAPP001";
    public const string BotToken = "test-bot-token";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Channel> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string DisplayName, string RealName)> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoopbackUpload> _uploads = new(StringComparer.Ordinal);
    private readonly List<LoopbackCall> _calls = [];
    private readonly WebApplication _app;
    private long _lastMicros;
    private int _files;

    private LoopbackSlackApi(WebApplication app) => _app = app;

    /// <summary>The clock new messages take their ts from: set it to the host's fake clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => _app.Urls.First();

    /// <summary>What <c>Slack:ApiBaseUrl</c> is set to (with its trailing slash).</summary>
    public string ApiBaseUrl => BaseUrl + "/api/";

    /// <summary>The most items one history or replies page holds, whatever <c>limit</c> asked (Slack may return fewer).</summary>
    public int PageCap { get; set; } = 3;

    public static async Task<LoopbackSlackApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel();
        var app = builder.Build();
        var api = new LoopbackSlackApi(app);
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPost("/api/{method}", (HttpContext context, string method) => api.AnswerAsync(context, method));
        app.MapPost("/upload/v1/{fileId}", (HttpContext context, string fileId) => api.ReceiveUploadAsync(context, fileId));
        await app.StartAsync();
        return api;
    }

    public void AddChannel(string id, string name, DateTimeOffset created, bool isMember = true)
    {
        lock (_gate)
        {
            _channels[id] = new Channel(id, name, created.ToUnixTimeSeconds()) { IsMember = isMember };
        }
    }

    public void AddUser(string id, string displayName, string realName)
    {
        lock (_gate)
        {
            _users[id] = (displayName, realName);
        }
    }

    /// <summary>Makes every call that needs membership in <paramref name="channel"/> answer <paramref name="error"/> (e.g. <c>not_in_channel</c>).</summary>
    public void Refuse(string channel, string error)
    {
        lock (_gate)
        {
            _channels[channel].RefusedWith = error;
        }
    }

    /// <summary>Adds a message that was in the channel before the test (a user's, or a bot's with <paramref name="username"/>).</summary>
    public LoopbackMessage Seed(string channel, DateTimeOffset at, string text, string? user = null, string? botId = null, string? username = null, string? threadTs = null)
    {
        lock (_gate)
        {
            var message = new LoopbackMessage
            {
                Channel = channel,
                Ts = Ts(at.ToUnixTimeMilliseconds() * 1000),
                User = user,
                BotId = botId,
                Username = username,
                Subtype = botId is not null && user is null ? "bot_message" : null,
                Text = text,
                ThreadTs = threadTs,
                ParentUserId = threadTs is null ? null : Parent(_channels[channel], threadTs)?.User,
            };
            Add(_channels[channel], message);
            return message;
        }
    }

    /// <summary>A person posts now (the test then sends Slack's event for it); returns the message.</summary>
    public LoopbackMessage Post(string channel, string user, string text, string? threadTs = null)
    {
        lock (_gate)
        {
            var target = _channels[channel];
            var message = new LoopbackMessage
            {
                Channel = channel,
                Ts = NextTs(),
                User = user,
                Text = text,
                ThreadTs = threadTs,
                ParentUserId = threadTs is null ? null : Parent(target, threadTs)?.User,
            };
            Add(target, message);
            return message;
        }
    }

    /// <summary>Every message of the channel, thread replies included, oldest first.</summary>
    public IReadOnlyList<LoopbackMessage> Messages(string channel)
    {
        lock (_gate)
        {
            return _channels[channel].Messages.OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The bot's posts in the channel (replies included), oldest first.</summary>
    public IReadOnlyList<LoopbackMessage> BotMessages(string channel) =>
        Messages(channel).Where(m => m.User == BotUserId).ToList();

    /// <summary>The bot's posts whose text starts with <paramref name="opening"/>.</summary>
    public IReadOnlyList<LoopbackMessage> BotMessages(string channel, string opening) =>
        BotMessages(channel).Where(m => m.Text.StartsWith(opening, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<LoopbackMessage> Ephemerals(string channel)
    {
        lock (_gate)
        {
            return _channels[channel].Ephemerals.ToList();
        }
    }

    public IReadOnlyList<LoopbackCall> Calls(string? method = null)
    {
        lock (_gate)
        {
            return _calls.Where(c => method is null || c.Method == method).ToList();
        }
    }

    /// <summary>Uploads that were completed (shared), in order.</summary>
    public IReadOnlyList<LoopbackUpload> Uploads
    {
        get
        {
            lock (_gate)
            {
                return _uploads.Values.Where(u => u.Completed).ToList();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, string method)
    {
        var arguments = await ArgumentsAsync(context.Request);
        JsonObject answer;
        lock (_gate)
        {
            answer = context.Request.Headers.Authorization.ToString() == "Bearer " + BotToken
                ? Answer(method, arguments)
                : Error("invalid_auth");
            _calls.Add(new LoopbackCall(method, arguments, answer["ok"]!.GetValue<bool>(), answer["error"]?.GetValue<string>()));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private async Task ReceiveUploadAsync(HttpContext context, string fileId)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        lock (_gate)
        {
            if (!_uploads.TryGetValue(fileId, out var upload))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            upload.Bytes = buffer.ToArray();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"OK - {buffer.Length.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>JSON bodies as they are; form bodies as string fields.</summary>
    private static async Task<JsonObject> ArgumentsAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }

        var fields = new JsonObject();
        foreach (var (key, value) in QueryHelpers.ParseQuery(body))
        {
            fields[key] = value.ToString();
        }

        return fields;
    }

    private JsonObject Answer(string method, JsonObject args) => method switch
    {
        "auth.test" => Ok(new JsonObject
        {
            ["url"] = "https://test-workspace.slack.com/",
            ["team"] = "Test Workspace",
            ["user"] = "postmortem",
            ["team_id"] = TeamId,
            ["user_id"] = BotUserId,
            ["bot_id"] = BotId,
            ["is_enterprise_install"] = false,
        }),
        "chat.postMessage" => PostMessage(args),
        "chat.update" => UpdateMessage(args),
        "chat.postEphemeral" => PostEphemeral(args),
        "conversations.info" => ConversationInfo(args),
        "conversations.history" => History(args),
        "conversations.replies" => Replies(args),
        "users.info" => UserInfo(args),
        "files.getUploadURLExternal" => UploadUrl(args),
        "files.completeUploadExternal" => CompleteUpload(args),
        _ => Error("unknown_method"),
    };

    private JsonObject PostMessage(JsonObject args)
    {
        if (Member(args, "channel", out var channel) is { } refused)
        {
            return refused;
        }

        var text = String(args, "text");
        var blocks = args["blocks"] as JsonArray;
        if (string.IsNullOrEmpty(text) && blocks is null)
        {
            return Error("no_text");
        }

        var threadTs = String(args, "thread_ts");
        var message = new LoopbackMessage
        {
            Channel = channel!.Id,
            Ts = NextTs(),
            User = BotUserId,
            BotId = BotId,
            Text = text ?? "",
            Blocks = blocks?.DeepClone().AsArray(),
            Metadata = args["metadata"]?.DeepClone().AsObject(),
            ThreadTs = threadTs,
            ParentUserId = threadTs is null ? null : Parent(channel, threadTs)?.User,
        };
        Add(channel, message);
        return Ok(new JsonObject
        {
            ["channel"] = channel.Id,
            ["ts"] = message.Ts,
            ["message"] = BotEcho(message),
        });
    }

    private JsonObject UpdateMessage(JsonObject args)
    {
        if (Member(args, "channel", out var channel) is { } refused)
        {
            return refused;
        }

        var ts = String(args, "ts");
        var message = channel!.Messages.Find(m => m.Ts == ts);
        if (message is null)
        {
            return Error("message_not_found");
        }

        if (message.User != BotUserId)
        {
            return Error("cant_update_message");
        }

        // Slack replaces the text and the blocks; metadata only when it is given.
        message.Text = String(args, "text") ?? "";
        message.Blocks = (args["blocks"] as JsonArray)?.DeepClone().AsArray();
        if (args["metadata"] is JsonObject metadata)
        {
            message.Metadata = metadata.DeepClone().AsObject();
        }

        message.EditedTs = NextTs();
        message.Updates++;
        return Ok(new JsonObject
        {
            ["channel"] = channel.Id,
            ["ts"] = message.Ts,
            ["text"] = message.Text,
            ["message"] = BotEcho(message),
        });
    }

    private JsonObject PostEphemeral(JsonObject args)
    {
        if (Member(args, "channel", out var channel) is { } refused)
        {
            return refused;
        }

        var user = String(args, "user");
        if (string.IsNullOrEmpty(user))
        {
            return Error("user_not_in_channel");
        }

        var message = new LoopbackMessage
        {
            Channel = channel!.Id,
            Ts = NextTs(),
            User = BotUserId,
            BotId = BotId,
            Text = String(args, "text") ?? "",
            Blocks = (args["blocks"] as JsonArray)?.DeepClone().AsArray(),
            ThreadTs = String(args, "thread_ts"),
            EphemeralFor = user,
        };
        channel.Ephemerals.Add(message);
        return Ok(new JsonObject { ["message_ts"] = message.Ts });
    }

    private JsonObject ConversationInfo(JsonObject args)
    {
        if (!_channels.TryGetValue(String(args, "channel") ?? "", out var channel))
        {
            return Error("channel_not_found");
        }

        return Ok(new JsonObject
        {
            ["channel"] = new JsonObject
            {
                ["id"] = channel.Id,
                ["name"] = channel.Name,
                ["is_channel"] = true,
                ["is_group"] = false,
                ["is_im"] = false,
                ["is_mpim"] = false,
                ["is_private"] = false,
                ["created"] = channel.Created,
                ["is_archived"] = false,
                ["is_general"] = false,
                ["unlinked"] = 0,
                ["name_normalized"] = channel.Name,
                ["is_shared"] = false,
                ["is_org_shared"] = false,
                ["is_pending_ext_shared"] = false,
                ["pending_shared"] = new JsonArray(),
                ["context_team_id"] = TeamId,
                ["parent_conversation"] = null,
                ["creator"] = "U0ALICE001",
                ["is_ext_shared"] = false,
                ["shared_team_ids"] = new JsonArray(TeamId),
                ["is_member"] = channel.IsMember,
                ["topic"] = new JsonObject { ["value"] = "", ["creator"] = "", ["last_set"] = 0 },
                ["purpose"] = new JsonObject { ["value"] = "Incident channel", ["creator"] = "U0ALICE001", ["last_set"] = channel.Created },
                ["previous_names"] = new JsonArray(),
            },
        });
    }

    /// <summary>Top-level messages (and broadcast replies) newest first, between <c>oldest</c> and <c>latest</c>.</summary>
    private JsonObject History(JsonObject args)
    {
        if (Member(args, "channel", out var channel) is { } refused)
        {
            return refused;
        }

        var inclusive = Flag(args, "inclusive");
        var oldest = String(args, "oldest") ?? "0";
        var latest = String(args, "latest");
        var messages = channel!.Messages
            .Where(m => !m.IsReply || m.Subtype == "thread_broadcast")
            .Where(m => Within(m.Ts, oldest, latest, inclusive))
            .OrderByDescending(m => m.Ts, StringComparer.Ordinal)
            .ToList();
        return Page(channel, args, messages, descending: true, parent: null);
    }

    /// <summary>A thread: its parent first on every page, then the replies oldest first.</summary>
    private JsonObject Replies(JsonObject args)
    {
        if (Member(args, "channel", out var channel) is { } refused)
        {
            return refused;
        }

        var ts = String(args, "ts");
        var message = channel!.Messages.Find(m => m.Ts == ts);
        if (message is null)
        {
            return Error("thread_not_found");
        }

        var parentTs = message.IsReply ? message.ThreadTs! : message.Ts;
        var parent = channel.Messages.Find(m => m.Ts == parentTs)!;
        var inclusive = Flag(args, "inclusive");
        var replies = RepliesTo(channel, parentTs)
            .Where(m => Within(m.Ts, String(args, "oldest") ?? "0", String(args, "latest"), inclusive))
            .ToList();
        return Page(channel, args, replies, descending: false, parent);
    }

    private JsonObject Page(Channel channel, JsonObject args, List<LoopbackMessage> items, bool descending, LoopbackMessage? parent)
    {
        var includeMetadata = Flag(args, "include_all_metadata");
        var limit = int.TryParse(String(args, "limit"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : 100;
        var size = Math.Min(limit, PageCap);
        var start = 0;
        if (String(args, "cursor") is { Length: > 0 } cursor)
        {
            var from = DecodeCursor(cursor);
            if (from is null)
            {
                return Error("invalid_cursor");
            }

            start = items.FindIndex(m => descending
                ? string.CompareOrdinal(m.Ts, from) <= 0
                : string.CompareOrdinal(m.Ts, from) >= 0);
            if (start < 0)
            {
                start = items.Count;
            }
        }

        var page = items.Skip(start).Take(size).ToList();
        var hasMore = start + page.Count < items.Count;
        var json = new JsonArray();
        if (parent is not null)
        {
            json.Add(parent.ToJson(includeMetadata, BotUserId, RepliesTo(channel, parent.Ts)));
        }

        foreach (var message in page)
        {
            json.Add(message.ToJson(includeMetadata, BotUserId, message.IsReply ? [] : RepliesTo(channel, message.Ts)));
        }

        var answer = Ok(new JsonObject { ["messages"] = json, ["has_more"] = hasMore });
        if (parent is null)
        {
            answer["pin_count"] = 0;
        }

        if (hasMore)
        {
            answer["response_metadata"] = new JsonObject { ["next_cursor"] = EncodeCursor(items[start + page.Count].Ts) };
        }

        return answer;
    }

    private JsonObject UserInfo(JsonObject args)
    {
        var id = String(args, "user") ?? "";
        if (!_users.TryGetValue(id, out var user))
        {
            return Error("user_not_found");
        }

        return Ok(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["id"] = id,
                ["team_id"] = TeamId,
                ["name"] = user.DisplayName.ToLowerInvariant(),
                ["deleted"] = false,
                ["color"] = "9f69e7",
                ["real_name"] = user.RealName,
                ["tz"] = "Europe/London",
                ["tz_label"] = "Greenwich Mean Time",
                ["tz_offset"] = 0,
                ["profile"] = new JsonObject
                {
                    ["real_name"] = user.RealName,
                    ["real_name_normalized"] = user.RealName,
                    ["display_name"] = user.DisplayName,
                    ["display_name_normalized"] = user.DisplayName,
                    ["status_text"] = "",
                    ["status_emoji"] = "",
                    ["avatar_hash"] = "g0000000000a",
                    ["team"] = TeamId,
                },
                ["is_admin"] = false,
                ["is_owner"] = false,
                ["is_primary_owner"] = false,
                ["is_restricted"] = false,
                ["is_ultra_restricted"] = false,
                ["is_bot"] = false,
                ["is_app_user"] = false,
                ["updated"] = 1_763_000_000,
                ["has_2fa"] = false,
            },
        });
    }

    private JsonObject UploadUrl(JsonObject args)
    {
        var name = String(args, "filename");
        if (string.IsNullOrEmpty(name)
            || !int.TryParse(String(args, "length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return Error("invalid_arguments");
        }

        var id = "F0UPLOAD" + (++_files).ToString("D3", CultureInfo.InvariantCulture);
        _uploads[id] = new LoopbackUpload { FileId = id, FileName = name, DeclaredLength = length };
        return Ok(new JsonObject { ["upload_url"] = $"{BaseUrl}/upload/v1/{id}", ["file_id"] = id });
    }

    private JsonObject CompleteUpload(JsonObject args)
    {
        if (JsonNode.Parse(String(args, "files") ?? "null") is not JsonArray files || files.Count == 0)
        {
            return Error("invalid_arguments");
        }

        var channelId = String(args, "channel_id");
        Channel? channel = null;
        if (channelId is not null && Member(args, "channel_id", out channel) is { } refused)
        {
            return refused;
        }

        var shared = new JsonArray();
        var ids = new List<string>();
        foreach (var file in files.OfType<JsonObject>())
        {
            var id = String(file, "id") ?? "";
            if (!_uploads.TryGetValue(id, out var upload) || upload.Bytes is null)
            {
                return Error("file_not_found");
            }

            upload.Title = String(file, "title") ?? upload.FileName;
            upload.ChannelId = channelId;
            upload.InitialComment = String(args, "initial_comment");
            upload.Completed = true;
            ids.Add(id);
            shared.Add(new JsonObject
            {
                ["id"] = id,
                ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(),
                ["name"] = upload.FileName,
                ["title"] = upload.Title,
                ["mimetype"] = "text/plain",
                ["filetype"] = "markdown",
                ["user"] = BotUserId,
                ["size"] = upload.Bytes.Length,
                ["url_private"] = $"{BaseUrl}/files-pri/{TeamId}-{id}/{upload.FileName}",
                ["permalink"] = $"https://test-workspace.slack.com/files/{BotUserId}/{id}/{upload.FileName}",
            });
        }

        if (channel is not null)
        {
            Add(channel, new LoopbackMessage
            {
                Channel = channel.Id,
                Ts = NextTs(),
                User = BotUserId,
                BotId = BotId,
                Text = String(args, "initial_comment") ?? "",
                FileIds = ids,
                ThreadTs = String(args, "thread_ts"),
            });
        }

        return Ok(new JsonObject { ["files"] = shared });
    }

    /// <summary>Null when the bot may act in the channel named by <paramref name="field"/>; else the error answer.</summary>
    private JsonObject? Member(JsonObject args, string field, out Channel? channel)
    {
        if (!_channels.TryGetValue(String(args, field) ?? "", out channel))
        {
            return Error("channel_not_found");
        }

        return channel.RefusedWith is { } error ? Error(error) : null;
    }

    private JsonObject BotEcho(LoopbackMessage message)
    {
        var echo = new JsonObject
        {
            ["user"] = BotUserId,
            ["type"] = "message",
            ["ts"] = message.Ts,
            ["bot_id"] = BotId,
            ["app_id"] = AppId,
            ["text"] = message.Text,
            ["team"] = TeamId,
            ["bot_profile"] = new JsonObject
            {
                ["id"] = BotId,
                ["app_id"] = AppId,
                ["name"] = "Postmortem",
                ["deleted"] = false,
                ["team_id"] = TeamId,
            },
        };
        if (message.Blocks is not null)
        {
            echo["blocks"] = message.Blocks.DeepClone();
        }

        if (message.ThreadTs is not null)
        {
            echo["thread_ts"] = message.ThreadTs;
            echo["parent_user_id"] = message.ParentUserId ?? "";
        }

        if (message.Metadata is not null)
        {
            echo["metadata"] = message.Metadata.DeepClone();
        }

        if (message.EditedTs is not null)
        {
            echo["edited"] = new JsonObject { ["user"] = BotUserId, ["ts"] = message.EditedTs };
        }

        return echo;
    }

    private static void Add(Channel channel, LoopbackMessage message)
    {
        if (message.IsReply && Parent(channel, message.ThreadTs!) is { } parent)
        {
            parent.ThreadTs ??= parent.Ts;
        }

        channel.Messages.Add(message);
    }

    private static LoopbackMessage? Parent(Channel channel, string threadTs) => channel.Messages.Find(m => m.Ts == threadTs);

    private static List<LoopbackMessage> RepliesTo(Channel channel, string parentTs) =>
        channel.Messages.Where(m => m.IsReply && m.ThreadTs == parentTs).OrderBy(m => m.Ts, StringComparer.Ordinal).ToList();

    private static bool Within(string ts, string oldest, string? latest, bool inclusive)
    {
        var afterOldest = inclusive ? CompareTs(ts, oldest) >= 0 : CompareTs(ts, oldest) > 0;
        var beforeLatest = latest is null || (inclusive ? CompareTs(ts, latest) <= 0 : CompareTs(ts, latest) < 0);
        return afterOldest && beforeLatest;
    }

    /// <summary>Compares two ts values as numbers (an <c>oldest</c> may be "1700000000" without the fraction).</summary>
    private static int CompareTs(string a, string b) =>
        decimal.Parse(a, CultureInfo.InvariantCulture).CompareTo(decimal.Parse(b, CultureInfo.InvariantCulture));

    /// <summary>A new unique ts at the current (fake) time; later than every ts handed out before.</summary>
    private string NextTs()
    {
        var micros = Math.Max((Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10, _lastMicros + 1);
        _lastMicros = micros;
        return Ts(micros);
    }

    private static string Ts(long micros) =>
        string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");

    private static string EncodeCursor(string ts) => Convert.ToBase64String(Encoding.UTF8.GetBytes("next_ts:" + ts));

    private static string? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("next_ts:", StringComparison.Ordinal) ? text["next_ts:".Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Flag(JsonObject args, string name) => String(args, name) is "true" or "1";

    private static string? String(JsonObject args, string name) => args[name] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static JsonObject Ok(JsonObject fields)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            answer[key] = value;
        }

        return answer;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private sealed class Channel(string id, string name, long created)
    {
        public string Id => id;

        public string Name => name;

        public long Created => created;

        public bool IsMember { get; init; } = true;

        public string? RefusedWith { get; set; }

        public List<LoopbackMessage> Messages { get; } = [];

        public List<LoopbackMessage> Ephemerals { get; } = [];
    }
}
