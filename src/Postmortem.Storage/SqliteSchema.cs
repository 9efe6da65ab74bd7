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
    ];

    public static int LatestVersion => Migrations.Count;
}
