using System.Text.Json.Nodes;

namespace Postmortem.Host.Tests.Slack;

/// <summary>A message as <see cref="LoopbackSlackApi"/> keeps it: a channel post, a thread reply or an ephemeral.</summary>
public sealed class LoopbackMessage
{
    public required string Channel { get; init; }

    public required string Ts { get; init; }

    /// <summary>The parent's ts for a thread reply (and for a parent that has replies); null otherwise.</summary>
    public string? ThreadTs { get; set; }

    public string? User { get; init; }

    public string? BotId { get; init; }

    public string? Username { get; init; }

    public string? Subtype { get; init; }

    /// <summary>For a thread reply: who posted the thread's parent.</summary>
    public string? ParentUserId { get; init; }

    public string Text { get; set; } = "";

    public JsonArray? Blocks { get; set; }

    public JsonObject? Metadata { get; set; }

    /// <summary>The file ids shared with this message (a <c>files.completeUploadExternal</c> share).</summary>
    public IReadOnlyList<string> FileIds { get; init; } = [];

    /// <summary>Set for an ephemeral message: the only user who sees it. Ephemerals are never in the history.</summary>
    public string? EphemeralFor { get; init; }

    /// <summary>The ts of the last <c>chat.update</c>, when there was one.</summary>
    public string? EditedTs { get; set; }

    /// <summary>How many times <c>chat.update</c> changed this message.</summary>
    public int Updates { get; set; }

    public bool IsReply => ThreadTs is not null && ThreadTs != Ts;

    /// <summary>The message's JSON as Slack's history and replies methods return it.</summary>
    internal JsonObject ToJson(bool includeMetadata, string botUserId, IReadOnlyList<LoopbackMessage> replies)
    {
        var json = new JsonObject { ["type"] = "message" };
        if (Subtype is not null)
        {
            json["subtype"] = Subtype;
        }

        json["ts"] = Ts;
        if (User is not null)
        {
            json["user"] = User;
        }

        if (BotId is not null)
        {
            json["bot_id"] = BotId;
        }

        if (Username is not null)
        {
            json["username"] = Username;
        }

        json["text"] = Text;
        if (Blocks is not null)
        {
            json["blocks"] = Blocks.DeepClone();
        }

        if (EditedTs is not null)
        {
            json["edited"] = new JsonObject { ["user"] = User ?? botUserId, ["ts"] = EditedTs };
        }

        if (FileIds.Count > 0)
        {
            json["files"] = new JsonArray(FileIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["mode"] = "hosted" }).ToArray());
            json["upload"] = false;
        }

        if (ThreadTs is not null)
        {
            json["thread_ts"] = ThreadTs;
        }

        if (IsReply)
        {
            json["parent_user_id"] = ParentUserId ?? "";
        }
        else if (replies.Count > 0)
        {
            var users = replies.Select(r => r.User ?? r.BotId ?? "").Distinct().ToArray();
            json["reply_count"] = replies.Count;
            json["reply_users_count"] = users.Length;
            json["latest_reply"] = replies[^1].Ts;
            json["reply_users"] = new JsonArray(users.Select(u => (JsonNode)JsonValue.Create(u)).ToArray());
            json["is_locked"] = false;
            json["subscribed"] = false;
        }

        if (includeMetadata && Metadata is not null)
        {
            json["metadata"] = Metadata.DeepClone();
        }

        return json;
    }
}
