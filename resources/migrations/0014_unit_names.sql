-- Schema version 14: the names a hub gives the reporting units that are people (the
-- apoio program's apoiadores, "ap-…": the label of the code they enrolled with), so
-- the COSEMS desk shows a name, not an id (issue 11; docs/protocol.md §10.2).
CREATE TABLE unit_names (
    unit TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
) STRICT;
