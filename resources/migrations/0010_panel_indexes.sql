-- Schema version 10: the Painel's queries at the central level (a replica of the
-- whole state: 853 municipalities × 12 months a year). replica_revisions keeps
-- each revision's manifest in its row, ahead of the review state and the dates,
-- so reading those columns from the table walks the manifest's overflow pages.
-- This index holds every column the panel's pick (each report's latest revision
-- in a counted state) and the coverage (each municipality's month) read, in the
-- order they group by: both run over a period range without touching the table.
-- It makes replica_revisions_period (period, municipality), its prefix, redundant.
CREATE INDEX replica_revisions_panel
    ON replica_revisions (period, municipality, report, revision, program, state, received_at, no_actions);
DROP INDEX replica_revisions_period;

-- An action's codes by kind: the first themes (ord 0, the stacks) and the
-- audiences of a revision lie together, and so do the actions of a revision
-- that have a theme (the theme filter). It replaces (kind, code), which led the
-- planner to read every action's codes of a kind for each revision.
CREATE INDEX replica_action_codes_panel ON replica_action_codes (report, revision, kind, ord, code);
DROP INDEX replica_action_codes_code;
