-- Schema version 12: the Painel's facts packed, one row per revision (issue 10:
-- a filter change over the whole state under 150 ms). Which revision of a report
-- counts is decided when the panel is asked (its review state, "include
-- received", this installation's decisions), so nothing is summed across
-- revisions: each revision keeps its actions in one value that computePanel
-- reads with the pick and counts itself, instead of SQLite walking ten rows of
-- replica_actions and about twenty-five of replica_action_codes per revision.
--
-- `packed` (UTF-8): the revision's actions in position order, separated by RS
-- (0x1E); an action's fields by US (0x1F): people, format, its themes in the
-- order chosen, its audiences; the codes of a field by GS (0x1D)
-- (core/regional/replica_facts.h, packActions). Written by writeReplicaFacts with
-- the rows of replica_actions in the same transaction; no row for a revision
-- without actions.
CREATE TABLE replica_packed_actions (
    report   TEXT NOT NULL,
    revision INTEGER NOT NULL,
    packed   BLOB NOT NULL,
    PRIMARY KEY (report, revision),
    FOREIGN KEY (report, revision) REFERENCES replica_revisions (report, revision) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Whatever removes an action's facts (a revision listed with another hash, facts
-- rewritten, the revision gone) removes its revision's packed actions with them.
CREATE TRIGGER replica_actions_unpack AFTER DELETE ON replica_actions
BEGIN
    DELETE FROM replica_packed_actions WHERE report = old.report AND revision = old.revision;
END;

-- The revisions whose facts are written already (schema 8 on), packed from those
-- facts: the same bytes packActions writes (tests/core/panel/test_panel_packed.cpp).
INSERT INTO replica_packed_actions (report, revision, packed)
SELECT report, revision, CAST(group_concat(one, char(30)) AS BLOB)
FROM (SELECT a.report, a.revision, a.people || char(31) || a.format || char(31)
             || COALESCE((SELECT group_concat(code, char(29)) FROM (SELECT t.code FROM replica_action_codes t
                          WHERE t.report = a.report AND t.revision = a.revision AND t.position = a.position
                          AND t.kind = 'theme' ORDER BY t.ord)), '')
             || char(31)
             || COALESCE((SELECT group_concat(code, char(29)) FROM (SELECT c.code FROM replica_action_codes c
                          WHERE c.report = a.report AND c.revision = a.revision AND c.position = a.position
                          AND c.kind = 'audience' ORDER BY c.ord)), '') AS one
      FROM replica_actions a
      ORDER BY a.report, a.revision, a.position)
GROUP BY report, revision;
