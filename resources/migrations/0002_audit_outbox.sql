-- Schema version 2: the audit trail and the outbox of concluded revisions.

-- Every change made through the services: what, when, from which installation
-- and by whom. detail_json holds ids and field names, never tokens or partners'
-- personal data.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    installation_id TEXT NOT NULL,
    user_name       TEXT NOT NULL DEFAULT '',
    entity          TEXT NOT NULL,
    entity_uuid     TEXT NOT NULL DEFAULT '',
    action          TEXT NOT NULL,
    detail_json     TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_uuid, id);

-- One row per concluded revision waiting for (or done with) the hub.
CREATE TABLE outbox (
    uuid            TEXT PRIMARY KEY NOT NULL,
    revision_uuid   TEXT NOT NULL UNIQUE REFERENCES report_revisions (uuid) ON DELETE CASCADE,
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'received', 'rejected', 'held')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    hub_id          TEXT,
    hub_received_at TEXT,
    hub_sha256      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX outbox_state ON outbox (state, next_attempt_at);
