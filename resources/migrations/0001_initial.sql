-- Schema version 1: the profile, monthly reports with their actions and photos,
-- the partners register and the locked revisions of concluded reports.
--
-- Conventions: ids are client-generated UUIDs (text); timestamps are UTC ISO 8601
-- text with milliseconds ("2025-03-10T14:05:00.000Z"); dates are "YYYY-MM-DD";
-- booleans are 0/1. Tables are STRICT. Released migrations are never edited:
-- schema changes go into a new file.

-- Key-value settings of the profile: municipality (IBGE), installation_id,
-- created_at, user_name, …
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE reports (
    uuid           TEXT PRIMARY KEY NOT NULL,
    program_id     TEXT NOT NULL,
    municipality   TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    state          TEXT NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    no_actions     INTEGER NOT NULL DEFAULT 0 CHECK (no_actions IN (0, 1)),
    justification  TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (program_id, municipality, period)
) STRICT;

CREATE TABLE actions (
    uuid        TEXT PRIMARY KEY NOT NULL,
    report_uuid TEXT NOT NULL REFERENCES reports (uuid) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    values_json TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX actions_report ON actions (report_uuid, position);

CREATE TABLE partners (
    uuid               TEXT PRIMARY KEY NOT NULL,
    kind               TEXT NOT NULL,
    governmental       INTEGER NOT NULL DEFAULT 0 CHECK (governmental IN (0, 1)),
    formal             INTEGER NOT NULL DEFAULT 1 CHECK (formal IN (0, 1)),
    sector             TEXT NOT NULL DEFAULT '',
    name               TEXT NOT NULL,
    document           TEXT NOT NULL DEFAULT '',
    contact_name       TEXT NOT NULL DEFAULT '',
    contact_role       TEXT NOT NULL DEFAULT '',
    phones_json        TEXT NOT NULL DEFAULT '[]',
    email              TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    cep                TEXT NOT NULL DEFAULT '',
    municipality       TEXT NOT NULL DEFAULT '',
    stage              TEXT NOT NULL,
    consent_given      INTEGER NOT NULL DEFAULT 0 CHECK (consent_given IN (0, 1)),
    consent_date       TEXT,
    consent_channel    TEXT NOT NULL DEFAULT '',
    consent_purpose    TEXT NOT NULL DEFAULT '',
    consent_revoked_on TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE partner_stage_history (
    id           INTEGER PRIMARY KEY,
    partner_uuid TEXT NOT NULL REFERENCES partners (uuid) ON DELETE CASCADE,
    stage        TEXT NOT NULL,
    date         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX partner_stage_history_partner ON partner_stage_history (partner_uuid, id);

CREATE TABLE action_partners (
    action_uuid  TEXT NOT NULL REFERENCES actions (uuid) ON DELETE CASCADE,
    partner_uuid TEXT NOT NULL REFERENCES partners (uuid) ON DELETE CASCADE,
    PRIMARY KEY (action_uuid, partner_uuid)
) STRICT, WITHOUT ROWID;
CREATE INDEX action_partners_partner ON action_partners (partner_uuid);

CREATE TABLE photos (
    uuid          TEXT PRIMARY KEY NOT NULL,
    action_uuid   TEXT NOT NULL REFERENCES actions (uuid) ON DELETE CASCADE,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    position      INTEGER NOT NULL CHECK (position >= 0),
    caption       TEXT NOT NULL DEFAULT '',
    taken_on      TEXT,
    author        TEXT NOT NULL DEFAULT '',
    identifiable  INTEGER NOT NULL DEFAULT 0 CHECK (identifiable IN (0, 1)),
    authorization INTEGER NOT NULL DEFAULT 0 CHECK (authorization IN (0, 1)),
    width         INTEGER NOT NULL DEFAULT 0,
    height        INTEGER NOT NULL DEFAULT 0,
    bytes         INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX photos_action ON photos (action_uuid, position);
CREATE INDEX photos_sha256 ON photos (sha256);

-- A concluded revision: the locked manifest (deterministic JSON) and its SHA-256.
-- Never updated; a correction is a new revision.
CREATE TABLE report_revisions (
    uuid          TEXT PRIMARY KEY NOT NULL,
    report_uuid   TEXT NOT NULL REFERENCES reports (uuid),
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    snapshot_json TEXT NOT NULL,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at    TEXT NOT NULL,
    UNIQUE (report_uuid, revision)
) STRICT;

-- Marks the file as a Mobiliza store ("MOBI").
PRAGMA application_id = 1297039945;
