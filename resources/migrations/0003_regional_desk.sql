-- Schema version 3: the regional desk (a URS profile). Empty in a municipality's
-- profile.

-- The local replica of the revisions the hub holds for the URS's municipalities
-- (docs/protocol.md §10.2): one row per revision, updated whenever the hub's
-- listing shows a new state. The manifest is fetched separately and kept only
-- when its SHA-256 matches manifest_sha256 (no_actions, action_count and
-- photo_count come from it: NULL until then); the photos go to the blob store.
CREATE TABLE replica_revisions (
    report          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    municipality    TEXT NOT NULL,
    program         TEXT NOT NULL,
    period          TEXT NOT NULL,
    hub_id          TEXT NOT NULL DEFAULT '',
    manifest_sha256 TEXT NOT NULL,
    manifest        BLOB,
    no_actions      INTEGER,
    action_count    INTEGER,
    photo_count     INTEGER,
    state           TEXT NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    received_at     TEXT NOT NULL,
    reviewed_at     TEXT,
    cursor          INTEGER NOT NULL DEFAULT 0,
    via             TEXT NOT NULL DEFAULT 'push',
    pulled_at       TEXT NOT NULL,
    PRIMARY KEY (report, revision)
) STRICT;
CREATE INDEX replica_revisions_period ON replica_revisions (period, municipality);

-- Review decisions made here, on their way to the hub (docs/protocol.md §10.3),
-- with the municipal outbox's discipline: queued → sending → applied, or
-- refused (the hub said another decision won, or the revision changed) with the
-- reason in words. The uuid is the decision's: a re-send is the same decision.
CREATE TABLE review_outbox (
    uuid            TEXT PRIMARY KEY NOT NULL,
    report          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    manifest_sha256 TEXT NOT NULL,
    decision        TEXT NOT NULL CHECK (decision IN ('start', 'accept', 'return')),
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
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX review_outbox_state ON review_outbox (state, next_attempt_at);
CREATE INDEX review_outbox_report ON review_outbox (report, revision);
