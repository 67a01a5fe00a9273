-- Schema version 5: what a URS sends besides its review decisions, and the
-- reports whose photos it asked for. Empty in a municipality's profile.

-- Reports the reviewer opened whose photos are not here (older months are not
-- prefetched): the next synchronization brings their photos too.
CREATE TABLE replica_wanted (
    report   TEXT NOT NULL,
    revision INTEGER NOT NULL,
    asked_at TEXT NOT NULL,
    PRIMARY KEY (report, revision)
) STRICT;

-- Report package files a municipality brought on a USB stick (docs/protocol.md
-- §10.4): verified, in the replica at once, and sent to the hub as an import with
-- provenance. The file's bytes wait in the blob store under their SHA-256.
CREATE TABLE import_outbox (
    package_sha256  TEXT PRIMARY KEY NOT NULL,
    report          TEXT NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    municipality    TEXT NOT NULL,
    period          TEXT NOT NULL,
    file_name       TEXT NOT NULL DEFAULT '',
    received_at     TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'refused')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    hub_id          TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX import_outbox_state ON import_outbox (state, next_attempt_at);

-- Batches of accepted reports forwarded to the central level (§10.5): over the
-- network (queued → sending → received, with the hub's receipt) or as a batch
-- file (written; "received" once the central level's receipt comes back).
CREATE TABLE batches (
    uuid            TEXT PRIMARY KEY NOT NULL,
    urs             TEXT NOT NULL,
    period          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    revisions_json  TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('network', 'file')),
    file_path       TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'received', 'refused', 'written')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    hub_id          TEXT NOT NULL DEFAULT '',
    hub_received_at TEXT,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX batches_state ON batches (state, next_attempt_at);
CREATE INDEX batches_period ON batches (period);
