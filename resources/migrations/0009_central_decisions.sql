-- Schema version 9: the central level's decisions (docs/protocol.md §10.7). A
-- central installation queues "consolidate" and "return_to_urs" in the same
-- review outbox as a URS's decisions; SQLite cannot widen a CHECK constraint, so
-- the table is rebuilt with the same rows.
--
-- hub_event: the status-feed cursor of the change an applied decision made (the
-- hub's answer). Once the replica holds a later cursor for that revision, the
-- replica's state is the truth (the central level may have returned the report
-- to the URS after the URS's acceptance); before, the decision is (the pull has
-- not brought it back yet). 0: applied before this version.
CREATE TABLE review_outbox_v9 (
    uuid            TEXT PRIMARY KEY NOT NULL,
    report          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    manifest_sha256 TEXT NOT NULL,
    decision        TEXT NOT NULL
                    CHECK (decision IN ('start', 'accept', 'return', 'consolidate', 'return_to_urs')),
    comment         TEXT NOT NULL DEFAULT '',
    notes_json      TEXT NOT NULL DEFAULT '[]',
    reviewer        TEXT NOT NULL DEFAULT '',
    decided_at      TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'applied', 'refused')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    hub_state       TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    hub_event       INTEGER NOT NULL DEFAULT 0 CHECK (hub_event >= 0)
) STRICT;
INSERT INTO review_outbox_v9 (uuid, report, revision, manifest_sha256, decision, comment, notes_json, reviewer,
                              decided_at, state, attempts, next_attempt_at, last_error, hub_state, updated_at)
    SELECT uuid, report, revision, manifest_sha256, decision, comment, notes_json, reviewer, decided_at, state,
           attempts, next_attempt_at, last_error, hub_state, updated_at
    FROM review_outbox;
DROP TABLE review_outbox;
ALTER TABLE review_outbox_v9 RENAME TO review_outbox;
CREATE INDEX review_outbox_state ON review_outbox (state, next_attempt_at);
CREATE INDEX review_outbox_report ON review_outbox (report, revision);
