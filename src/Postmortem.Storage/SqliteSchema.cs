namespace Postmortem.Storage;

/// <summary>The SQLite schema as numbered migrations; a migration, once released, is never edited (add a new one).</summary>
internal static class SqliteSchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: the first schema. Times are Unix milliseconds (UTC); JSON holds the full record.
        """
        CREATE TABLE sessions (
            platform   TEXT NOT NULL,
            tenant     TEXT NOT NULL,
            channel    TEXT NOT NULL,
            id         TEXT NOT NULL,
            is_open    INTEGER NOT NULL,
            json       TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (platform, tenant, channel, id)
        );
        CREATE UNIQUE INDEX ux_sessions_open ON sessions (platform, tenant, channel) WHERE is_open = 1;
        CREATE INDEX ix_sessions_id ON sessions (id);

        CREATE TABLE timeline_messages (
            platform   TEXT NOT NULL,
            tenant     TEXT NOT NULL,
            channel    TEXT NOT NULL,
            message_id TEXT NOT NULL,
            posted_at  INTEGER NOT NULL,
            json       TEXT NOT NULL,
            PRIMARY KEY (platform, tenant, channel, message_id)
        );
        CREATE INDEX ix_timeline_posted ON timeline_messages (posted_at);

        CREATE TABLE inbox (
            sequence     INTEGER PRIMARY KEY AUTOINCREMENT,
            platform     TEXT NOT NULL,
            tenant       TEXT NOT NULL,
            event_id     TEXT NOT NULL,
            channel      TEXT NOT NULL,
            json         TEXT NOT NULL,
            received_at  INTEGER NOT NULL,
            processed_at INTEGER NULL,
            error        TEXT NULL,
            UNIQUE (platform, tenant, event_id)
        );
        CREATE INDEX ix_inbox_pending ON inbox (sequence) WHERE processed_at IS NULL AND error IS NULL;

        CREATE TABLE outbox (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            platform        TEXT NOT NULL,
            tenant          TEXT NOT NULL,
            channel         TEXT NOT NULL,
            action_key      TEXT NOT NULL,
            json            TEXT NOT NULL,
            created_at      INTEGER NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            delivered_at    INTEGER NULL,
            message_id      TEXT NULL,
            error           TEXT NULL,
            gave_up         INTEGER NOT NULL DEFAULT 0,
            UNIQUE (platform, tenant, channel, action_key)
        );
        CREATE INDEX ix_outbox_pending ON outbox (platform, tenant, channel, id) WHERE delivered_at IS NULL AND gave_up = 0;

        CREATE TABLE deliveries (
            platform     TEXT NOT NULL,
            tenant       TEXT NOT NULL,
            channel      TEXT NOT NULL,
            action_key   TEXT NOT NULL,
            message_id   TEXT NOT NULL,
            delivered_at INTEGER NOT NULL,
            PRIMARY KEY (platform, tenant, channel, action_key)
        );
        """,

        // 2: fewer pages written per event, which every acknowledged event pays for. The inbox keeps its sequence
        // numbers without AUTOINCREMENT (rows are never deleted, so a number is never reused, and the sqlite_sequence
        // page is no longer rewritten by every commit); timeline messages live in their primary key alone (WITHOUT
        // ROWID) and lose the posted_at index, which only the hourly retention purge used.
        """
        CREATE TABLE inbox_v2 (
            sequence     INTEGER PRIMARY KEY,
            platform     TEXT NOT NULL,
            tenant       TEXT NOT NULL,
            event_id     TEXT NOT NULL,
            channel      TEXT NOT NULL,
            json         TEXT NOT NULL,
            received_at  INTEGER NOT NULL,
            processed_at INTEGER NULL,
            error        TEXT NULL,
            UNIQUE (platform, tenant, event_id)
        );
        INSERT INTO inbox_v2 (sequence, platform, tenant, event_id, channel, json, received_at, processed_at, error)
            SELECT sequence, platform, tenant, event_id, channel, json, received_at, processed_at, error FROM inbox;
        DROP TABLE inbox;
        ALTER TABLE inbox_v2 RENAME TO inbox;
        CREATE INDEX ix_inbox_pending ON inbox (sequence) WHERE processed_at IS NULL AND error IS NULL;

        CREATE TABLE timeline_messages_v2 (
            platform   TEXT NOT NULL,
            tenant     TEXT NOT NULL,
            channel    TEXT NOT NULL,
            message_id TEXT NOT NULL,
            posted_at  INTEGER NOT NULL,
            json       TEXT NOT NULL,
            PRIMARY KEY (platform, tenant, channel, message_id)
        ) WITHOUT ROWID;
        INSERT INTO timeline_messages_v2 (platform, tenant, channel, message_id, posted_at, json)
            SELECT platform, tenant, channel, message_id, posted_at, json FROM timeline_messages;
        DROP TABLE timeline_messages;
        ALTER TABLE timeline_messages_v2 RENAME TO timeline_messages;
        """,

        // 3: an event's JSON is kept only while it waits to be decided. Most events are decided in the transaction that
        // stores them, and what they meant is then in the timeline, the session and the outbox, so writing the JSON a
        // second time into the inbox only doubled the bytes every acknowledged event costs. A decided row keeps its
        // identity (for deduplication), its kind and its times; a failed row keeps its JSON for inspection.
        """
        CREATE TABLE inbox_v3 (
            sequence     INTEGER PRIMARY KEY,
            platform     TEXT NOT NULL,
            tenant       TEXT NOT NULL,
            event_id     TEXT NOT NULL,
            channel      TEXT NOT NULL,
            kind         TEXT NOT NULL DEFAULT '',
            json         TEXT NULL,
            received_at  INTEGER NOT NULL,
            processed_at INTEGER NULL,
            error        TEXT NULL,
            UNIQUE (platform, tenant, event_id)
        );
        INSERT INTO inbox_v3 (sequence, platform, tenant, event_id, channel, kind, json, received_at, processed_at, error)
            SELECT sequence, platform, tenant, event_id, channel,
                   CASE WHEN json_valid(json) THEN COALESCE(json_extract(json, '$.eventType'), '') ELSE '' END,
                   CASE WHEN processed_at IS NULL THEN json END,
                   received_at, processed_at, error
            FROM inbox;
        DROP TABLE inbox;
        ALTER TABLE inbox_v3 RENAME TO inbox;
        CREATE INDEX ix_inbox_pending ON inbox (sequence) WHERE processed_at IS NULL AND error IS NULL;
        """,

        // 4: a message deleted in the channel leaves its id behind, so that nothing brings it back: not its post
        // arriving late or again (a retry), not a backfill that fetched it before the deletion. With that, the
        // timeline's key alone deduplicates posted messages, which then need no inbox row when decided at once.
        """
        CREATE TABLE timeline_deletions (
            platform   TEXT NOT NULL,
            tenant     TEXT NOT NULL,
            channel    TEXT NOT NULL,
            message_id TEXT NOT NULL,
            deleted_at INTEGER NOT NULL,
            PRIMARY KEY (platform, tenant, channel, message_id)
        ) WITHOUT ROWID;
        """,
    ];

    public static int LatestVersion => Migrations.Count;
}
