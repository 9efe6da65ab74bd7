using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmortem.Core.Events;
using Postmortem.Core.Timeline;
using static Postmortem.Storage.Tests.TestData;

namespace Postmortem.Storage.Tests;

/// <summary>The shared store behaviour on a real SQLite file, plus what only SQLite has (the file, WAL, raw rows).</summary>
public sealed class SqlitePostmortemStoreTests : PostmortemStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pm-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqlitePostmortemStore> _stores = [];

    private string DatabasePath => Path.Combine(_folder, "data", "postmortem.db");

    protected override IPostmortemStore CreateStore() => CreateSqliteStore(DatabasePath);

    public override async Task DisposeAsync()
    {
        // Each store is closed first: its checkpointer runs in the background and would otherwise open the file
        // again (recreating -wal and -shm) while the folder is being deleted.
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
            SqliteConnection.ClearPool(new SqliteConnection(store.ConnectionString));
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Migration_on_an_empty_file_creates_the_schema_in_WAL_mode()
    {
        var path = Path.Combine(_folder, "empty.db");
        await File.WriteAllBytesAsync(path, []);
        var store = CreateSqliteStore(path);

        await store.MigrateAsync(Ct);
        await store.MigrateAsync(Ct);

        Assert.True(await store.CanConnectAsync(Ct));
        Assert.Equal(SqliteSchema.LatestVersion, Convert.ToInt32(await ScalarAsync(path, "SELECT MAX(version) FROM schema_version;")));
        Assert.Equal(SqliteSchema.LatestVersion, Convert.ToInt32(await ScalarAsync(path, "SELECT COUNT(*) FROM schema_version;")));
        Assert.Equal("wal", await ScalarAsync(path, "PRAGMA journal_mode;"));
        foreach (var table in new[] { "sessions", "timeline_messages", "inbox", "outbox", "deliveries" })
        {
            Assert.Equal(1L, await ScalarAsync(path, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}';"));
        }
    }

    [Fact]
    public async Task An_event_that_cannot_be_stored_fails_alone_and_the_others_are_stored()
    {
        var broken = Message("bad", Channel with { TenantId = null! });
        var good = Enumerable.Range(0, 20).Select(i => Store.TryAddToInboxAsync(Message($"e{i}"), Ct)).ToList();
        var bad = Store.TryAddToInboxAsync(broken, Ct);
        good.AddRange(Enumerable.Range(20, 20).Select(i => Store.TryAddToInboxAsync(Message($"e{i}"), Ct)));

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.All(await Task.WhenAll(good), Assert.True);
        Assert.Equal(40, (await Store.PendingInboxAsync(100, Ct)).Count);
        Assert.True(await Store.TryAddToInboxAsync(Message("after"), Ct));
    }

    [Fact]
    public async Task A_failed_commit_does_not_break_later_writes()
    {
        var item = await AddAsync(Message("e1"));
        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(item, Decide(null, null, new UnserializableAction { Key = "broken", Channel = Channel }), Ct));

        await Store.CommitAsync(item, Decide(Session(), [TimelineChange.Upsert(Line("m1", Start))], Post("p1")), Ct);

        Assert.Empty(await Store.PendingInboxAsync(10, Ct));
        Assert.Equal("s1", (await Store.LoadChannelAsync(Channel, Ct)).Session!.Id);
    }

    [Fact]
    public async Task Migration_creates_a_missing_data_folder()
    {
        var path = Path.Combine(_folder, "new", "deeper", "pm.db");
        var store = CreateSqliteStore(path);

        await store.MigrateAsync(Ct);

        Assert.True(File.Exists(path));
        Assert.True(await store.CanConnectAsync(Ct));
    }

    [Fact]
    public async Task Store_is_not_ready_before_migration()
    {
        var store = CreateSqliteStore(Path.Combine(_folder, "unmigrated.db"));

        Assert.False(await store.CanConnectAsync(Ct));
    }

    [Fact]
    public async Task Store_is_not_ready_on_a_file_that_is_not_a_database()
    {
        var path = Path.Combine(_folder, "garbage.db");
        await File.WriteAllTextAsync(path, new string('x', 8192));

        Assert.False(await CreateSqliteStore(path).CanConnectAsync(Ct));
    }

    [Fact]
    public async Task Failed_inbox_item_keeps_its_error_in_the_database()
    {
        await Store.TryAddToInboxAsync(Message("e1"), Ct);
        var item = Assert.Single(await Store.PendingInboxAsync(10, Ct));

        await Store.MarkInboxFailedAsync(item, "facilitator threw: boom", Ct);

        Assert.Equal("facilitator threw: boom", await ScalarAsync(DatabasePath, "SELECT error FROM inbox WHERE event_id = 'e1';"));
    }

    [Fact]
    public async Task Unreadable_inbox_row_is_marked_failed_and_does_not_block_the_rest()
    {
        await ScalarAsync(DatabasePath,
            "INSERT INTO inbox (platform, tenant, event_id, channel, json, received_at) VALUES ('slack', 'T1', 'bad', 'C1', '{\"kind\":\"from_the_future\"}', 0);");
        await Store.TryAddToInboxAsync(Message("e1"), Ct);

        Assert.Equal(["e1"], (await Store.PendingInboxAsync(10, Ct)).Select(i => i.Event.EventId));
        Assert.StartsWith("Unreadable stored ChatEvent", (string)(await ScalarAsync(DatabasePath, "SELECT error FROM inbox WHERE event_id = 'bad';"))!);
    }

    [Fact]
    public async Task Unreadable_outbox_row_is_given_up_and_does_not_block_its_channel()
    {
        await ScalarAsync(DatabasePath,
            "INSERT INTO outbox (platform, tenant, channel, action_key, json, created_at, next_attempt_at) VALUES ('slack', 'T1', 'C1', 'bad', '{\"kind\":\"from_the_future\"}', 0, 0);");
        await Store.CommitAsync(await AddAsync(Message("e1")), Decide(null, null, Post("k1")), Ct);

        Assert.Equal(["k1"], (await DueAsync()).Select(o => o.Action.Key));
        Assert.Equal(1L, await ScalarAsync(DatabasePath, "SELECT gave_up FROM outbox WHERE action_key = 'bad';"));
    }

    [Fact]
    public async Task Event_decided_as_it_is_stored_keeps_its_identity_and_kind_but_not_its_json()
    {
        var decider = await DeciderWithEmptyBacklogAsync();

        Assert.Equal(InboxAcceptance.Decided, await Store.AcceptAsync(Edit("e1"), decider, Ct));

        Assert.Equal("message_edited", await ScalarAsync(DatabasePath, "SELECT kind FROM inbox WHERE event_id = 'e1';"));
        Assert.Equal(DBNull.Value, await ScalarAsync(DatabasePath, "SELECT json FROM inbox WHERE event_id = 'e1';"));
        Assert.Equal(InboxAcceptance.Duplicate, await Store.AcceptAsync(Edit("e1"), decider, Ct));
    }

    [Fact]
    public async Task Event_decided_from_the_backlog_drops_its_json()
    {
        await Store.TryAddToInboxAsync(Message("e1"), Ct);
        Assert.NotEqual(DBNull.Value, await ScalarAsync(DatabasePath, "SELECT json FROM inbox WHERE event_id = 'e1';"));

        Assert.Equal(1, await Store.DecidePendingAsync(new RecordingDecider(), 10, Ct));

        Assert.Equal(DBNull.Value, await ScalarAsync(DatabasePath, "SELECT json FROM inbox WHERE event_id = 'e1';"));
    }

    [Fact]
    public async Task Event_whose_decision_failed_keeps_its_json_with_the_error()
    {
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Failed("boom");

        await Store.AcceptAsync(Message("e1", text: "checkout is down"), decider, Ct);

        Assert.Equal("boom", await ScalarAsync(DatabasePath, "SELECT error FROM inbox WHERE event_id = 'e1';"));
        var json = (string)(await ScalarAsync(DatabasePath, "SELECT json FROM inbox WHERE event_id = 'e1';"))!;
        var stored = Assert.IsType<MessagePosted>(JsonSerializer.Deserialize<ChatEvent>(json, PostmortemJson.Options));
        Assert.Equal("checkout is down", stored.Text);
    }

    [Fact]
    public async Task Timeline_text_is_stored_as_written_not_escaped()
    {
        const string Text = "it's <down> again — “really” ✓";
        var decider = await DeciderWithEmptyBacklogAsync();
        decider.Verdict = (_, _) => InboxVerdict.Decided(Decide(null, [TimelineChange.Upsert(Line("m1", Start, text: Text))]));

        await Store.AcceptAsync(Message("e1"), decider, Ct);

        Assert.Contains(Text, (string)(await ScalarAsync(DatabasePath, "SELECT json FROM timeline_messages WHERE message_id = 'm1';"))!, StringComparison.Ordinal);
        Assert.Equal(Text, Assert.Single((await Store.LoadChannelAsync(Channel, Ct)).Messages).Text);
    }

    [Fact]
    public async Task Upgrading_a_first_version_database_keeps_the_inbox_order_and_the_timeline()
    {
        var path = Path.Combine(_folder, "v1.db");
        Directory.CreateDirectory(_folder);
        await ScalarAsync(path, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);");
        await ScalarAsync(path, SqliteSchema.Migrations[0]);
        await ScalarAsync(path, "INSERT INTO schema_version VALUES (1, 0);");
        foreach (var (eventId, processed) in new[] { ("e1", "1"), ("e2", "NULL") })
        {
            var json = JsonSerializer.Serialize<ChatEvent>(Message(eventId), PostmortemJson.Options).Replace("'", "''", StringComparison.Ordinal);
            await ScalarAsync(path,
                $"INSERT INTO inbox (platform, tenant, event_id, channel, json, received_at, processed_at) VALUES ('slack', 'T1', '{eventId}', 'C1', '{json}', 0, {processed});");
        }

        var line = JsonSerializer.Serialize(Line("m1", Start), PostmortemJson.Options).Replace("'", "''", StringComparison.Ordinal);
        await ScalarAsync(path, $"INSERT INTO timeline_messages VALUES ('slack', 'T1', 'C1', 'm1', 0, '{line}');");
        var store = CreateSqliteStore(path);

        await store.MigrateAsync(Ct);
        Assert.False(await store.TryAddToInboxAsync(Message("e1"), Ct));
        Assert.True(await store.TryAddToInboxAsync(Message("e3"), Ct));

        Assert.Equal([(2L, "e2"), (3L, "e3")], (await store.PendingInboxAsync(10, Ct)).Select(i => (i.Sequence, i.Event.EventId)));
        Assert.Equal(["m1"], (await store.LoadChannelAsync(Channel, Ct)).Messages.Select(m => m.MessageId));
        Assert.Equal(3L, await ScalarAsync(path, "SELECT COUNT(*) FROM inbox WHERE kind = 'message_posted';"));
        Assert.Equal(DBNull.Value, await ScalarAsync(path, "SELECT json FROM inbox WHERE event_id = 'e1';"));
        Assert.Equal(SqliteSchema.LatestVersion, Convert.ToInt32(await ScalarAsync(path, "SELECT MAX(version) FROM schema_version;")));
    }

    private SqlitePostmortemStore CreateSqliteStore(string path)
    {
        var store = new SqlitePostmortemStore(new SqliteStoreOptions($"Data Source={path}"), Time);
        _stores.Add(store);
        return store;
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
