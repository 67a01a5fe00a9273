-- Schema version 6: each report's history thread at the URS (docs/protocol.md
-- §10.3, GET /api/v1/reports/<uuid>/history), kept so that a reviewer reads it
-- offline: every state change, decision, comment and note, with who, when and
-- from which installation, as the hub tells it. Empty in a municipality's profile.
CREATE TABLE replica_history (
    report       TEXT NOT NULL,
    cursor       INTEGER NOT NULL,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    state        TEXT NOT NULL,
    decision     TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    notes_json   TEXT NOT NULL DEFAULT '[]',
    by_name      TEXT NOT NULL DEFAULT '',
    installation TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    PRIMARY KEY (report, cursor)
) STRICT;

-- When each report's history last arrived: the report's newest listed cursor at
-- that moment (a newer listing entry makes it stale), and whether the reviewer
-- opened it (its history then comes at the next pass even for an older month).
CREATE TABLE replica_history_sync (
    report         TEXT PRIMARY KEY NOT NULL,
    fetched_cursor INTEGER NOT NULL DEFAULT -1,
    fetched_at     TEXT,
    wanted_at      TEXT
) STRICT;
