-- Schema version 8: the Painel's facts at the URS (and the central level). One row
-- per action of a fetched revision in the replica, taken from its manifest when
-- the manifest is stored (ReplicaService, in the same transaction) so the panel's
-- queries count actions, people and codes without decoding JSON. The program's
-- field roles (themes, format, audience, people_reached) decide what is copied:
-- a second program with other field ids fills the same columns.
--
-- facts = 1 on a revision whose facts are written (0: stored before this
-- version, or its program was unknown then; ReplicaService::backfillFacts).
ALTER TABLE replica_revisions ADD COLUMN facts INTEGER NOT NULL DEFAULT 0 CHECK (facts IN (0, 1));
CREATE INDEX replica_revisions_without_facts ON replica_revisions (report, revision) WHERE facts = 0;

CREATE TABLE replica_actions (
    report       TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    position     INTEGER NOT NULL CHECK (position >= 0),
    municipality TEXT NOT NULL,
    period       TEXT NOT NULL,
    format       TEXT NOT NULL DEFAULT '',
    people       INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
    PRIMARY KEY (report, revision, position),
    FOREIGN KEY (report, revision) REFERENCES replica_revisions (report, revision) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX replica_actions_period ON replica_actions (period, municipality);

-- The multi-choice codes of an action: kind 'theme' or 'audience'; ord keeps the
-- order the municipality chose them in (the first theme stacks the charts).
CREATE TABLE replica_action_codes (
    report   TEXT NOT NULL,
    revision INTEGER NOT NULL,
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('theme', 'audience')),
    ord      INTEGER NOT NULL CHECK (ord >= 0),
    code     TEXT NOT NULL,
    PRIMARY KEY (report, revision, position, kind, ord),
    FOREIGN KEY (report, revision, position) REFERENCES replica_actions (report, revision, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX replica_action_codes_code ON replica_action_codes (kind, code);
