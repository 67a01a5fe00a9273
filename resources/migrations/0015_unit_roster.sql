-- Schema version 15: the roster of the reporting units that are people (the apoio
-- program's apoiadores), as the hub lists them to their COSEMS (GET /api/v1/units,
-- docs/protocol.md §10.9): the coverage expects a report from each active one, also
-- from one who never sent anything. Replaced whole at each pass; names go to unit_names.
CREATE TABLE unit_roster (
    unit   TEXT PRIMARY KEY NOT NULL,
    uf     TEXT NOT NULL,
    since  TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    until  TEXT -- when not active: when its last token was revoked
) STRICT;
