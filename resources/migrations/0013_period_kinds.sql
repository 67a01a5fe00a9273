-- Schema version 13: reports of programs that do not report by month (issue 11:
-- the apoio program's quadrimestres, "2026-Q1" … "2026-Q3"; docs/programs.md,
-- "period"). SQLite cannot widen a CHECK constraint, so the table is rebuilt with
-- the same rows (foreign keys are off during a migration: nothing cascades).
CREATE TABLE reports_v13 (
    uuid           TEXT PRIMARY KEY NOT NULL,
    program_id     TEXT NOT NULL,
    municipality   TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                                        OR period GLOB '[0-9][0-9][0-9][0-9]-Q[123]'),
    state          TEXT NOT NULL,
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    no_actions     INTEGER NOT NULL DEFAULT 0 CHECK (no_actions IN (0, 1)),
    justification  TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (program_id, municipality, period)
) STRICT;
INSERT INTO reports_v13 (uuid, program_id, municipality, period, state, revision, no_actions, justification,
                         review_comment, created_at, updated_at)
    SELECT uuid, program_id, municipality, period, state, revision, no_actions, justification, review_comment,
           created_at, updated_at
    FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v13 RENAME TO reports;
