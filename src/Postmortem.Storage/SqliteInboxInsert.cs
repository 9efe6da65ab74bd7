using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>The inbox's insert, prepared once per transaction with its parameters bound by name once.</summary>
internal sealed class SqliteInboxInsert
{
    private const string Sql = """
        INSERT INTO inbox (platform, tenant, event_id, channel, kind, json, received_at, processed_at)
        VALUES ($platform, $tenant, $eventId, $channel, $kind, $json, $receivedAt, $processedAt)
        ON CONFLICT (platform, tenant, event_id) DO NOTHING
        RETURNING sequence;
        """;

    private readonly SqliteCommand _command;
    private readonly SqliteParameter _platform;
    private readonly SqliteParameter _tenant;
    private readonly SqliteParameter _eventId;
    private readonly SqliteParameter _channel;
    private readonly SqliteParameter _kind;
    private readonly SqliteParameter _json;
    private readonly SqliteParameter _receivedAt;
    private readonly SqliteParameter _processedAt;

    public SqliteInboxInsert(SqliteWriteConnection writes, SqliteWriteTransaction transaction)
    {
        _command = writes.Command(transaction, Sql);
        _platform = _command.Parameter("$platform");
        _tenant = _command.Parameter("$tenant");
        _eventId = _command.Parameter("$eventId");
        _channel = _command.Parameter("$channel");
        _kind = _command.Parameter("$kind");
        _json = _command.Parameter("$json");
        _receivedAt = _command.Parameter("$receivedAt");
        _processedAt = _command.Parameter("$processedAt");
    }

    /// <summary>
    /// Inserts the row and returns its sequence, or null when (platform, tenant, event id) is already in the inbox.
    /// <paramref name="json"/> null: the event is decided in this transaction and needs no copy; <paramref name="processedAt"/>
    /// null: it waits to be decided.
    /// </summary>
    public long? Insert(InboxRow row, string? json, long? processedAt)
    {
        var channel = row.Event.Channel;
        _platform.Value = channel.Platform;
        _tenant.Value = channel.TenantId;
        _eventId.Value = row.Event.EventId;
        _channel.Value = channel.ChannelId;
        _kind.Value = PostmortemJson.KindOf(row.Event);
        _json.Value = (object?)json ?? DBNull.Value;
        _receivedAt.Value = row.ReceivedAt;
        _processedAt.Value = (object?)processedAt ?? DBNull.Value;
        return _command.ExecuteScalar() is long sequence ? sequence : null;
    }
}
