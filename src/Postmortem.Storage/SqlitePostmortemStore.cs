using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Postmortem.Core.Actions;
using Postmortem.Core.Chat;
using Postmortem.Core.Events;
using Postmortem.Core.Facilitation;
using Postmortem.Core.Sessions;
using Postmortem.Core.Timeline;

namespace Postmortem.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Each operation takes a connection from Microsoft.Data.Sqlite's
/// pool; every write that belongs together runs in one <c>BEGIN IMMEDIATE</c> transaction. Inbox inserts are group
/// committed by a <see cref="SqliteInboxWriter"/>; in-process writers take turns on a gate instead of meeting in
/// SQLite's busy handler (which sleeps for milliseconds).
/// </summary>
public sealed class SqlitePostmortemStore : IPostmortemStore, IAsyncDisposable
{
    // Durability choice: WAL with synchronous=NORMAL. A commit is atomic and survives a crash of the process;
    // only a power loss or OS crash can lose the last few commits (never corrupt the file). That keeps an inbox
    // insert, which sits on a webhook's request path, at tens of microseconds instead of an fsync per event.
    private const string ConnectionPragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    /// <summary>Pooled connections that already ran <see cref="ConnectionPragmas"/> (the settings stay with the handle).</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteWriteConnection _writes;
    private readonly SqliteInboxWriter _inbox;
    private readonly SqliteCheckpointer _checkpointer;

    /// <summary>
    /// True while the inbox may hold undecided items (at start, and after an event was stored without a decision).
    /// New events are then only stored, so that the processor decides everything in arrival order. Guarded by the write gate.
    /// </summary>
    private bool _backlog = true;

    public SqlitePostmortemStore(SqliteStoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _connectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = true }.ToString();
        _time = time;
        _writes = new SqliteWriteConnection(OpenForWrites);
        // Housekeeping on the wall clock, not on the store's (possibly simulated) time: advancing a test clock by days
        // must not run millions of checkpoint ticks.
        _checkpointer = new SqliteCheckpointer(Open, _writeGate, TimeProvider.System, options.CheckpointInterval, options.BusyCheckpointInterval);
        _inbox = new SqliteInboxWriter(WriteInboxBatchAsync);
    }

    /// <summary>The connection string as used (tests clear its pool).</summary>
    internal string ConnectionString => _connectionString;

    public async Task MigrateAsync(CancellationToken ct)
    {
        SqliteDataDirectory.Ensure(_connectionString);
        await using var connection = await OpenAsync(ct);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", ct);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);", ct);

        await using var transaction = connection.BeginTransaction();
        var current = await SchemaVersionAsync(connection, transaction, ct);
        for (var version = current + 1; version <= SqliteSchema.LatestVersion; version++)
        {
            await ExecuteAsync(connection, transaction, SqliteSchema.Migrations[version - 1], ct);
            await using var record = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES ($version, $now);");
            record.Set("$version", version);
            record.Set("$now", Now());
            await record.ExecuteNonQueryAsync(ct);
        }

        transaction.Commit();
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await OpenAsync(ct);
            return await SchemaVersionAsync(connection, null, ct) == SqliteSchema.LatestVersion;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public async Task<bool> TryAddToInboxAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var receipt = await _inbox.AddAsync(new InboxRow(chatEvent, Now(), Decider: null), ct).ConfigureAwait(false);
        return receipt.Acceptance != InboxAcceptance.Duplicate;
    }

    public async Task<InboxAcceptance> AcceptAsync(ChatEvent chatEvent, IInboxDecider decider, CancellationToken ct) =>
        (await AcceptAsync(chatEvent, decider, carriesReply: null, ct).ConfigureAwait(false)).Acceptance;

    public Task<InboxReceipt> AcceptAsync(ChatEvent chatEvent, IInboxDecider decider, Func<ChatAction, bool>? carriesReply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        ArgumentNullException.ThrowIfNull(decider);
        return _inbox.AddAsync(new InboxRow(chatEvent, Now(), decider, carriesReply), ct);
    }

    /// <summary>Lets queued inbox writes finish, then closes the write connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _inbox.CloseAsync();
        await _checkpointer.DisposeAsync();
        await _writeGate.WaitAsync();
        try
        {
            _writes.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<int> DecidePendingAsync(IInboxDecider decider, int max, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(decider);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _writeGate.WaitAsync(ct);
        try
        {
            var handled = 0;
            var transaction = _writes.Begin();
            try
            {
                var pending = ReadPending(transaction, max);
                if (pending.Count == 0)
                {
                    transaction.Rollback();
                    _backlog = false;
                    return 0;
                }

                var now = Now();
                var channels = new TransactionChannels(this, transaction);
                _queuedActions = false;
                foreach (var (sequence, json, receivedAt) in pending)
                {
                    handled++;
                    if (!TryRead<ChatEvent>(json, out var chatEvent, out var unreadable))
                    {
                        // A row this version cannot read would block the inbox forever: keep it, marked failed, and go on.
                        SetInboxError(transaction, sequence, unreadable);
                        continue;
                    }

                    var verdict = decider.Decide(new InboxItem(sequence, chatEvent, FromUnixMs(receivedAt)), channels);
                    WriteVerdict(transaction, sequence, chatEvent.Channel, verdict, now, insertedWithoutJson: null, carriesReply: null, out _);
                }

                transaction.Commit();
                _checkpointer.Committed();
            }
            catch
            {
                decider.Forget();
                _writes.Reset();
                throw;
            }
            finally
            {
                transaction.Dispose();
            }

            decider.Committed(_queuedActions);
            return handled;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Whether the transaction being written (under the write gate) has put actions into the outbox.</summary>
    private bool _queuedActions;

    private static readonly InboxReceipt DuplicateReceipt = new(InboxAcceptance.Duplicate);
    private static readonly InboxReceipt DecidedReceipt = new(InboxAcceptance.Decided);
    private static readonly InboxReceipt QueuedReceipt = new(InboxAcceptance.Queued);

    /// <summary>The <see cref="InboxItem.Sequence"/> of a posted message decided as it arrives, which takes no inbox row.</summary>
    private const long NotInInbox = 0;

    /// <summary>
    /// Commits a group of inbox rows in one transaction, each new one decided in it unless a backlog is waiting.
    /// If that fails, nothing of it is kept: the deciders forget, and each row is stored on its own without a decision
    /// (the processor decides it later), so an event is never lost for a decision that could not be written.
    /// </summary>
    private async Task WriteInboxBatchAsync(List<InboxRow> batch)
    {
        if (!_writeGate.Wait(0))
        {
            await _writeGate.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            InboxReceipt[] outcomes;
            try
            {
                outcomes = WriteInboxTransaction(batch, decide: true);
            }
            catch (Exception) when (batch.Count > 1 || batch[0].Decider is not null)
            {
                TellDeciders(batch, committed: false, queuedActions: false);
                foreach (var row in batch)
                {
                    try
                    {
                        row.Completion.TrySetResult(WriteInboxTransaction([row], decide: false)[0]);
                    }
                    catch (Exception e)
                    {
                        row.Completion.TrySetException(e);
                    }
                }

                return;
            }

            TellDeciders(batch, committed: true, _queuedActions);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Tells each distinct decider of the batch (usually one, the processor) once that its decisions were committed, or
    /// that they were not and must be forgotten. No LINQ: this runs for every commit, most of which hold one row.
    /// </summary>
    private static void TellDeciders(List<InboxRow> batch, bool committed, bool queuedActions)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Decider is not { } decider || EarlierRowHas(batch, i, decider))
            {
                continue;
            }

            if (committed)
            {
                decider.Committed(queuedActions);
            }
            else
            {
                decider.Forget();
            }
        }

        static bool EarlierRowHas(List<InboxRow> batch, int index, IInboxDecider decider)
        {
            for (var j = 0; j < index; j++)
            {
                if (ReferenceEquals(batch[j].Decider, decider))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private InboxReceipt[] WriteInboxTransaction(List<InboxRow> batch, bool decide)
    {
        var outcomes = new InboxReceipt[batch.Count];
        var now = Now();
        _queuedActions = false;
        var backlog = _backlog;
        var transaction = _writes.Begin();
        try
        {
            var inbox = new SqliteInboxInsert(_writes, transaction);
            var channels = new TransactionChannels(this, transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                var row = batch[i];
                var decider = decide && !backlog ? row.Decider : null;
                if (decider is null)
                {
                    if (inbox.Insert(row, PostmortemJson.Serialize(row.Event), processedAt: null) is null)
                    {
                        outcomes[i] = DuplicateReceipt;
                    }
                    else
                    {
                        backlog = true;
                        outcomes[i] = QueuedReceipt;
                    }
                }
                else if (row.Event is MessagePosted posted)
                {
                    outcomes[i] = DecidePosted(transaction, inbox, channels, row, posted, decider, now);
                }
                else if (inbox.Insert(row, json: null, processedAt: now) is not long sequence)
                {
                    outcomes[i] = DuplicateReceipt;
                }
                else
                {
                    var verdict = decider.Decide(new InboxItem(sequence, row.Event, FromUnixMs(row.ReceivedAt)), channels);
                    WriteVerdict(transaction, sequence, row.Event.Channel, verdict, now, insertedWithoutJson: row.Event, row.CarriesReply, out var reply);
                    outcomes[i] = Decided(reply);
                }
            }

            transaction.Commit();
            _checkpointer.Committed(batch.Count);
            _backlog = backlog;
            return outcomes;
        }
        catch
        {
            _writes.Reset();
            throw;
        }
        finally
        {
            transaction.Dispose();
        }
    }

    /// <summary>
    /// A posted message decided as it arrives takes no inbox row: its id is the key of the timeline row it becomes, and
    /// a deleted message's id is remembered, so the channel's timeline is what deduplicates it. (The inbox row was a fifth
    /// of what acknowledging an event cost.) Only a failed decision is kept in the inbox, with the event's JSON.
    /// </summary>
    private InboxReceipt DecidePosted(
        SqliteWriteTransaction transaction, SqliteInboxInsert inbox, TransactionChannels channels, InboxRow row, MessagePosted posted, IInboxDecider decider, long now)
    {
        var channel = posted.Channel;
        if (channels.IsKnown(channel, posted.MessageId))
        {
            return DuplicateReceipt;
        }

        var verdict = decider.Decide(new InboxItem(NotInInbox, posted, FromUnixMs(row.ReceivedAt)), channels);
        channels.ForgetAbsent();
        if (VerdictError(verdict, channel) is { } error)
        {
            if (inbox.Insert(row, PostmortemJson.Serialize(posted), processedAt: null) is not long sequence)
            {
                return DuplicateReceipt;
            }

            SetInboxError(transaction, sequence, error);
            return DecidedReceipt;
        }

        ApplyDecision(transaction, channel, verdict, now, row.CarriesReply, out var reply);
        return Decided(reply);
    }

    private static InboxReceipt Decided(ChatAction? reply) => reply is null ? DecidedReceipt : new InboxReceipt(InboxAcceptance.Decided, reply);

    /// <summary>Why the verdict cannot be committed, or null: it failed, or its session belongs to another channel.</summary>
    private static string? VerdictError(InboxVerdict verdict, ChannelRef channel) =>
        verdict.Error
        ?? (verdict.Decision is not { } decision
            ? "no decision"
            : decision.Session is { } session && !SameChannel(session.Channel, channel)
                ? $"Session {session.Id} belongs to {session.Channel.Key}, not to the event's channel {channel.Key}."
                : null);

    /// <summary>
    /// Writes what was decided for an inbox row: the decision with the row marked processed, or the row marked failed.
    /// <paramref name="insertedWithoutJson"/>: the event, when this transaction inserted its row already marked processed and
    /// without its JSON (which a failure stores after all). Otherwise the row is claimed first (and its JSON dropped);
    /// false (and nothing written) when it was already processed or failed, so a stale decision cannot overwrite newer
    /// state. <paramref name="carriesReply"/> picks the one action that is not queued but returned as <paramref name="reply"/>.
    /// </summary>
    private bool WriteVerdict(
        SqliteWriteTransaction transaction,
        long sequence,
        ChannelRef channel,
        InboxVerdict verdict,
        long now,
        ChatEvent? insertedWithoutJson,
        Func<ChatAction, bool>? carriesReply,
        out ChatAction? reply)
    {
        reply = null;
        if (VerdictError(verdict, channel) is { } error)
        {
            var failed = _writes.Command(transaction,
                "UPDATE inbox SET processed_at = NULL, error = $error, json = COALESCE($json, json) WHERE sequence = $sequence;");
            failed.Set("$error", error);
            failed.Set("$json", insertedWithoutJson is null ? DBNull.Value : PostmortemJson.Serialize(insertedWithoutJson));
            failed.Set("$sequence", sequence);
            failed.ExecuteNonQuery();
            return true;
        }

        if (insertedWithoutJson is null)
        {
            var claim = _writes.Command(transaction,
                "UPDATE inbox SET processed_at = $now, json = NULL WHERE sequence = $sequence AND processed_at IS NULL AND error IS NULL;");
            claim.Set("$now", now);
            claim.Set("$sequence", sequence);
            if (claim.ExecuteNonQuery() == 0)
            {
                return false;
            }
        }

        ApplyDecision(transaction, channel, verdict, now, carriesReply, out reply);
        return true;
    }

    /// <summary>
    /// Writes a decided verdict (one <see cref="VerdictError"/> passed): the session when it changed, the timeline
    /// changes and the actions, less the carried reply.
    /// </summary>
    private void ApplyDecision(
        SqliteWriteTransaction transaction,
        ChannelRef channel,
        InboxVerdict verdict,
        long now,
        Func<ChatAction, bool>? carriesReply,
        out ChatAction? reply)
    {
        reply = null;
        var decision = verdict.Decision ?? throw new InvalidOperationException("A failed verdict has no decision to write.");
        if (verdict.SessionChanged)
        {
            SaveSession(transaction, channel, decision.Session, now);
        }

        SaveTimeline(transaction, channel, decision.TimelineChanges, now);
        var actions = decision.Actions;
        if (carriesReply is not null && actions.FirstOrDefault(carriesReply) is { } carried)
        {
            reply = carried;
            actions = [.. actions.Where(action => !ReferenceEquals(action, carried))];
        }

        AddToOutbox(transaction, actions, now);
    }

    private List<(long Sequence, string Json, long ReceivedAt)> ReadPending(SqliteWriteTransaction transaction, int max)
    {
        var command = _writes.Command(transaction, PendingInboxSql);
        command.Set("$max", max);
        var pending = new List<(long, string, long)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pending.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return pending;
    }

    private const string PendingInboxSql = """
        SELECT sequence, json, received_at FROM inbox
        WHERE processed_at IS NULL AND error IS NULL
        ORDER BY sequence LIMIT $max;
        """;

    public async Task<IReadOnlyList<InboxItem>> PendingInboxAsync(int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await OpenAsync(ct);
        var items = new List<InboxItem>();
        var unreadable = new List<(long Sequence, string Error)>();
        await using (var command = Command(connection, null, PendingInboxSql))
        {
            command.Set("$max", max);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var sequence = reader.GetInt64(0);
                if (TryRead<ChatEvent>(reader.GetString(1), out var chatEvent, out var error))
                {
                    items.Add(new InboxItem(sequence, chatEvent, FromUnixMs(reader.GetInt64(2))));
                }
                else
                {
                    unreadable.Add((sequence, error));
                }
            }
        }

        // A row this version cannot read would block the inbox forever: keep it, marked failed, and go on.
        if (unreadable.Count > 0)
        {
            await WriteAsync(
                transaction =>
                {
                    unreadable.ForEach(row => SetInboxError(transaction, row.Sequence, row.Error));
                    return Task.FromResult(true);
                },
                ct);
        }

        return items;
    }

    public async Task<ChannelSnapshot> LoadChannelAsync(ChannelRef channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await OpenAsync(ct);
        var commands = new List<SqliteCommand>();
        try
        {
            return ReadChannel(sql =>
            {
                var command = ChannelCommand(connection, null, channel, sql);
                commands.Add(command);
                return command;
            });
        }
        finally
        {
            commands.ForEach(command => command.Dispose());
        }
    }

    /// <summary>The channel's open session and timeline; <paramref name="channelCommand"/> gives a command with the channel's parameters bound.</summary>
    private static ChannelSnapshot ReadChannel(Func<string, SqliteCommand> channelCommand) =>
        new(ReadSession(channelCommand), ReadMessages(channelCommand));

    private static PostmortemSession? ReadSession(Func<string, SqliteCommand> channelCommand) =>
        channelCommand("SELECT json FROM sessions WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND is_open = 1;")
            .ExecuteScalar() is string json
            ? Read<PostmortemSession>(json)
            : null;

    private static List<TimelineMessage> ReadMessages(Func<string, SqliteCommand> channelCommand)
    {
        var messages = new List<TimelineMessage>();
        using var reader = channelCommand("""
            SELECT message_id, json FROM timeline_messages
            WHERE platform = $platform AND tenant = $tenant AND channel = $channel
            ORDER BY posted_at, message_id;
            """).ExecuteReader();
        while (reader.Read())
        {
            messages.Add(PostmortemJson.ReadTimelineRow(reader.GetString(1), reader.GetString(0)));
        }

        return messages;
    }

    /// <summary>What a decider reads, on the write connection inside the deciding transaction.</summary>
    private sealed class TransactionChannels(SqlitePostmortemStore store, SqliteWriteTransaction transaction) : IChannelReader
    {
        /// <summary>
        /// The message <see cref="IsKnown"/> just found neither collected nor deleted, while the post that names it is
        /// decided (nothing is written meanwhile): the decider's look-ups of it are answered without a query.
        /// </summary>
        private (ChannelRef Channel, string MessageId)? _absent;

        public PostmortemSession? OpenSession(ChannelRef channel) => ReadSession(Command(channel));

        public TimelineMessage? FindMessage(ChannelRef channel, string messageId)
        {
            if (IsAbsent(channel, messageId))
            {
                return null;
            }

            var command = store.WriteCommand(transaction, channel, """
                SELECT json FROM timeline_messages
                WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND message_id = $messageId;
                """);
            command.Set("$messageId", messageId);
            return command.ExecuteScalar() is string json ? PostmortemJson.ReadTimelineRow(json, messageId) : null;
        }

        /// <summary>Whether the message is in the channel's timeline or was deleted from it.</summary>
        public bool IsKnown(ChannelRef channel, string messageId)
        {
            var command = store.WriteCommand(transaction, channel, """
                SELECT EXISTS (
                    SELECT 1 FROM timeline_messages
                    WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND message_id = $messageId)
                OR EXISTS (
                    SELECT 1 FROM timeline_deletions
                    WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND message_id = $messageId);
                """);
            command.Set("$messageId", messageId);
            var known = command.ExecuteScalar() is 1L;
            _absent = known ? null : (channel, messageId);
            return known;
        }

        /// <summary>Ends what <see cref="IsKnown"/> remembered: call it before anything is written.</summary>
        public void ForgetAbsent() => _absent = null;

        public bool WasDeleted(ChannelRef channel, string messageId)
        {
            if (IsAbsent(channel, messageId))
            {
                return false;
            }

            var command = store.WriteCommand(transaction, channel, """
                SELECT 1 FROM timeline_deletions
                WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND message_id = $messageId;
                """);
            command.Set("$messageId", messageId);
            return command.ExecuteScalar() is not null;
        }

        public IReadOnlyList<TimelineMessage> Messages(ChannelRef channel) => ReadMessages(Command(channel));

        private Func<string, SqliteCommand> Command(ChannelRef channel) => sql => store.WriteCommand(transaction, channel, sql);

        private bool IsAbsent(ChannelRef channel, string messageId) =>
            _absent is { } absent && absent.MessageId == messageId && SameChannel(absent.Channel, channel);
    }

    public async Task CommitAsync(InboxItem item, Decision decision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        var channel = item.Event.Channel;
        if (decision.Session is { } decided && !SameChannel(decided.Channel, channel))
        {
            throw new ArgumentException(
                $"Session {decided.Id} belongs to {decided.Channel.Key}, not to the event's channel {channel.Key}.", nameof(decision));
        }

        var now = Now();
        await WriteAsync(
            transaction => Task.FromResult(WriteVerdict(transaction, item.Sequence, channel, InboxVerdict.Decided(decision), now, insertedWithoutJson: null, carriesReply: null, out _)),
            ct);
    }

    public async Task MarkInboxFailedAsync(InboxItem item, string error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        await WriteAsync(
            transaction =>
            {
                SetInboxError(transaction, item.Sequence, error);
                return Task.FromResult(true);
            },
            ct);
    }

    /// <summary>One transaction on the shared write connection, under the write gate; committed when <paramref name="write"/> returns true.</summary>
    private async Task WriteAsync(Func<SqliteWriteTransaction, Task<bool>> write, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            var transaction = _writes.Begin();
            try
            {
                if (await write(transaction))
                {
                    transaction.Commit();
                    _checkpointer.Committed();
                }
                else
                {
                    transaction.Rollback();
                }
            }
            catch
            {
                _writes.Reset();
                throw;
            }
            finally
            {
                transaction.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> PendingOutboxAsync(DateTimeOffset now, int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await OpenAsync(ct);
        var items = new List<OutboxItem>();
        var unreadable = new List<(long Id, string Error)>();
        await using (var command = Command(connection, null, """
            SELECT o.id, o.json, o.attempts FROM outbox o
            WHERE o.delivered_at IS NULL AND o.gave_up = 0 AND o.next_attempt_at <= $now
              AND NOT EXISTS (
                SELECT 1 FROM outbox w
                WHERE w.platform = o.platform AND w.tenant = o.tenant AND w.channel = o.channel
                  AND w.id < o.id AND w.delivered_at IS NULL AND w.gave_up = 0 AND w.next_attempt_at > $now)
            ORDER BY o.id LIMIT $max;
            """))
        {
            command.Set("$now", now.ToUnixTimeMilliseconds());
            command.Set("$max", max);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (TryRead<ChatAction>(reader.GetString(1), out var action, out var error))
                {
                    items.Add(new OutboxItem(id, action, reader.GetInt32(2)));
                }
                else
                {
                    unreadable.Add((id, error));
                }
            }
        }

        foreach (var (id, error) in unreadable)
        {
            await using var giveUp = Command(connection, null, "UPDATE outbox SET error = $error, gave_up = 1 WHERE id = $id;");
            giveUp.Set("$error", error);
            giveUp.Set("$id", id);
            await giveUp.ExecuteNonQueryAsync(ct);
        }

        return items;
    }

    public async Task MarkDeliveredAsync(OutboxItem item, string? messageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var now = Now();
        await WriteAsync(async transaction =>
        {
            var update = _writes.Command(transaction, """
                UPDATE outbox SET delivered_at = $now, message_id = $messageId, attempts = attempts + 1, error = NULL
                WHERE id = $id;
                """);
            update.Set("$now", now);
            update.Set("$messageId", (object?)messageId ?? DBNull.Value);
            update.Set("$id", item.Id);
            await update.ExecuteNonQueryAsync(ct);

            if (messageId is not null)
            {
                // Found later by the action's own key and by the key its post is known by (the summary, the progress message).
                foreach (var key in new[] { item.Action.Key, item.Action.PostKey }.OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    var delivery = WriteCommand(transaction, item.Action.Channel, """
                        INSERT INTO deliveries (platform, tenant, channel, action_key, message_id, delivered_at)
                        VALUES ($platform, $tenant, $channel, $key, $messageId, $now)
                        ON CONFLICT (platform, tenant, channel, action_key)
                        DO UPDATE SET message_id = excluded.message_id, delivered_at = excluded.delivered_at;
                        """);
                    delivery.Set("$key", key);
                    delivery.Set("$messageId", messageId);
                    delivery.Set("$now", now);
                    await delivery.ExecuteNonQueryAsync(ct);
                }
            }

            return true;
        }, ct);
    }

    public async Task MarkDeliveryFailedAsync(OutboxItem item, string error, DateTimeOffset nextAttemptAt, bool giveUp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        await WriteAsync(async transaction =>
        {
            var command = _writes.Command(transaction, """
                UPDATE outbox SET attempts = attempts + 1, error = $error, next_attempt_at = $next, gave_up = $giveUp
                WHERE id = $id AND delivered_at IS NULL;
                """);
            command.Set("$error", error);
            command.Set("$next", nextAttemptAt.ToUnixTimeMilliseconds());
            command.Set("$giveUp", giveUp ? 1 : 0);
            command.Set("$id", item.Id);
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }, ct);
    }

    public async Task<string?> FindDeliveredMessageIdAsync(ChannelRef channel, string actionKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await OpenAsync(ct);
        await using var command = ChannelCommand(connection, null, channel, """
            SELECT message_id FROM deliveries
            WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND action_key = $key;
            """);
        command.Set("$key", actionKey);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<PostmortemSession?> FindSessionAsync(string sessionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null,
            "SELECT json FROM sessions WHERE id = $id ORDER BY is_open DESC, updated_at DESC LIMIT 1;");
        command.Set("$id", sessionId);
        return await command.ExecuteScalarAsync(ct) is string json ? Read<PostmortemSession>(json) : null;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = Command(connection, null,
            "SELECT kind, COUNT(*) FROM inbox GROUP BY kind;"))
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                byType[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        await using var pending = Command(connection, null, """
            SELECT (SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL AND error IS NULL),
                   (SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND gave_up = 0),
                   (SELECT COUNT(*) FROM timeline_messages),
                   (SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL AND error IS NULL AND kind = 'message_posted');
            """);
        await using var row = await pending.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return new StoreCounts(byType, row.GetInt64(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(2) + row.GetInt64(3));
    }

    public async Task<int> PurgeUnclaimedMessagesAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        var purged = 0;
        await WriteAsync(async transaction =>
        {
            // Old messages, and old deletions (which only had to outlast the retries and late deliveries of their post).
            foreach (var (table, time) in new[] { ("timeline_messages", "posted_at"), ("timeline_deletions", "deleted_at") })
            {
                var command = _writes.Command(transaction, $"""
                    DELETE FROM {table}
                    WHERE {time} < $olderThan
                      AND NOT EXISTS (
                        SELECT 1 FROM sessions s
                        WHERE s.platform = {table}.platform AND s.tenant = {table}.tenant AND s.channel = {table}.channel);
                    """);
                command.Set("$olderThan", olderThan.ToUnixTimeMilliseconds());
                purged += await command.ExecuteNonQueryAsync(ct);
            }

            return true;
        }, ct);
        return purged;
    }

    private void SaveSession(SqliteWriteTransaction transaction, ChannelRef channel, PostmortemSession? session, long now)
    {
        // At most one open session per channel: whatever is open and is not the decided session is closed.
        var close = WriteCommand(transaction, channel, """
            UPDATE sessions SET is_open = 0, updated_at = $now
            WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND is_open = 1
              AND ($id IS NULL OR id <> $id);
            """);
        close.Set("$now", now);
        close.Set("$id", (object?)session?.Id ?? DBNull.Value);
        close.ExecuteNonQuery();

        if (session is null)
        {
            return;
        }

        var upsert = WriteCommand(transaction, channel, """
            INSERT INTO sessions (platform, tenant, channel, id, is_open, json, updated_at)
            VALUES ($platform, $tenant, $channel, $id, 1, $json, $now)
            ON CONFLICT (platform, tenant, channel, id)
            DO UPDATE SET is_open = 1, json = excluded.json, updated_at = excluded.updated_at;
            """);
        upsert.Set("$id", session.Id);
        upsert.Set("$json", JsonSerializer.Serialize(session, PostmortemJson.Options));
        upsert.Set("$now", now);
        upsert.ExecuteNonQuery();
    }

    private void SaveTimeline(SqliteWriteTransaction transaction, ChannelRef channel, IReadOnlyList<TimelineChange> changes, long now)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var upsert = WriteCommand(transaction, channel, """
            INSERT INTO timeline_messages (platform, tenant, channel, message_id, posted_at, json)
            VALUES ($platform, $tenant, $channel, $messageId, $postedAt, $json)
            ON CONFLICT (platform, tenant, channel, message_id)
            DO UPDATE SET posted_at = excluded.posted_at, json = excluded.json;
            """);
        var upsertId = upsert.Parameter("$messageId");
        var postedAt = upsert.Parameter("$postedAt");
        var json = upsert.Parameter("$json");

        var remove = WriteCommand(transaction, channel, """
            DELETE FROM timeline_messages WHERE platform = $platform AND tenant = $tenant AND channel = $channel AND message_id = $messageId;
            INSERT INTO timeline_deletions (platform, tenant, channel, message_id, deleted_at)
            VALUES ($platform, $tenant, $channel, $messageId, $now)
            ON CONFLICT (platform, tenant, channel, message_id) DO NOTHING;
            """);
        var removeId = remove.Parameter("$messageId");
        remove.Set("$now", now);

        foreach (var change in changes)
        {
            if (change.Message is null)
            {
                removeId.Value = change.MessageId;
                remove.ExecuteNonQuery();
            }
            else
            {
                upsertId.Value = change.MessageId;
                postedAt.Value = change.Message.PostedAt.ToUnixTimeMilliseconds();
                json.Value = PostmortemJson.SerializeTimelineRow(change.Message);
                upsert.ExecuteNonQuery();
            }
        }
    }

    private void AddToOutbox(SqliteWriteTransaction transaction, IReadOnlyList<ChatAction> actions, long now)
    {
        if (actions.Count == 0)
        {
            return;
        }

        _queuedActions = true;
        var insert = _writes.Command(transaction, """
            INSERT INTO outbox (platform, tenant, channel, action_key, json, created_at, next_attempt_at)
            VALUES ($platform, $tenant, $channel, $key, $json, $now, $now)
            ON CONFLICT (platform, tenant, channel, action_key) DO NOTHING;
            """);
        var platform = insert.Parameter("$platform");
        var tenant = insert.Parameter("$tenant");
        var channel = insert.Parameter("$channel");
        var key = insert.Parameter("$key");
        var json = insert.Parameter("$json");
        insert.Set("$now", now);

        foreach (var action in actions)
        {
            platform.Value = action.Channel.Platform;
            tenant.Value = action.Channel.TenantId;
            channel.Value = action.Channel.ChannelId;
            key.Value = (object?)action.Key ?? DBNull.Value;
            json.Value = JsonSerializer.Serialize(action, PostmortemJson.Options);
            insert.ExecuteNonQuery();
        }
    }

    private const string SetInboxErrorSql = "UPDATE inbox SET error = $error WHERE sequence = $sequence AND processed_at IS NULL;";

    private SqliteCommand WriteCommand(SqliteWriteTransaction transaction, ChannelRef channel, string sql)
    {
        var command = _writes.Command(transaction, sql);
        command.Set("$platform", channel.Platform);
        command.Set("$tenant", channel.TenantId);
        command.Set("$channel", channel.ChannelId);
        return command;
    }

    private void SetInboxError(SqliteWriteTransaction transaction, long sequence, string error)
    {
        var command = _writes.Command(transaction, SetInboxErrorSql);
        command.Set("$error", error);
        command.Set("$sequence", sequence);
        command.ExecuteNonQuery();
    }

    private static async Task<int> SchemaVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The write connection: its commits leave checkpoints to <see cref="SqliteCheckpointer"/> (up to a backstop).</summary>
    private SqliteConnection OpenForWrites()
    {
        var connection = Open();
        using var pragma = Command(connection, null, $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.BackstopPages};");
        pragma.ExecuteNonQuery();
        return connection;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (!Configured.TryGetValue(connection.Handle!, out _))
            {
                using var pragmas = Command(connection, null, ConnectionPragmas);
                pragmas.ExecuteNonQuery();
                Configured.TryAdd(connection.Handle!, Configured);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (!Configured.TryGetValue(connection.Handle!, out _))
            {
                await ExecuteAsync(connection, null, ConnectionPragmas, ct);
                Configured.TryAdd(connection.Handle!, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static SqliteCommand ChannelCommand(SqliteConnection connection, SqliteTransaction? transaction, ChannelRef channel, string sql)
    {
        var command = Command(connection, transaction, sql);
        command.Set("$platform", channel.Platform);
        command.Set("$tenant", channel.TenantId);
        command.Set("$channel", channel.ChannelId);
        return command;
    }

    private static bool SameChannel(ChannelRef a, ChannelRef b) =>
        a.Platform == b.Platform && a.TenantId == b.TenantId && a.ChannelId == b.ChannelId;

    private static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, PostmortemJson.Options)
        ?? throw new JsonException($"Stored {typeof(T).Name} is null.");

    private static bool TryRead<T>(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value, out string error)
        where T : class
    {
        try
        {
            value = Read<T>(json);
            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            value = null;
            error = $"Unreadable stored {typeof(T).Name}: {e.Message}";
            return false;
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
