-- Schema version 14: the names a hub gives the reporting units that are people (the
-- apoio program's apoiadores, "ap-…": the label of the code they enrolled with), so
-- the COSEMS desk shows a name, not an id (issue 11; docs/protocol.md §10.2).
CREATE TABLE unit_names (
    unit TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
) STRICT;
-- A COSEMS copy pulled before this version starts its pull again from the beginning, so
-- the names arrive for the reports it already has (applyPulled upserts: nothing doubles).
DELETE FROM settings WHERE key = 'replica_cursor'
  AND EXISTS (SELECT 1 FROM replica_revisions WHERE municipality LIKE 'ap-%');
