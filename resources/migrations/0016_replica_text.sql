-- Schema version 16: the quali search of a program that declares searchable fields (issue 11:
-- the apoio register's "what was done", results, difficulties and encaminhamentos;
-- docs/programs.md, "panel.search"). One FTS5 row per searchable field of an action of a
-- fetched revision (a list: one per entry), accent- and case-insensitive (unicode61,
-- remove_diacritics 2: "reuniao" finds "Reunião"). Written with the revision's facts
-- (core/regional/replica_facts.h); text_indexed marks a revision whose words are here, so the
-- revisions stored before this schema are indexed once at the next start
-- (ReplicaService::backfillText) — only those of a program that searches: a copy of SES-MG's
-- reports, which declares no search, is left as it is.
CREATE VIRTUAL TABLE replica_text USING fts5(
    body,
    report UNINDEXED,
    revision UNINDEXED,
    position UNINDEXED,
    field UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
ALTER TABLE replica_revisions ADD COLUMN text_indexed INTEGER NOT NULL DEFAULT 0 CHECK (text_indexed IN (0, 1));
