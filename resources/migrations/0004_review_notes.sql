-- Schema version 4: the notes of the review that returned a report
-- (docs/protocol.md §6, §10.3), kept so the municipality's editor shows each one
-- beside the action or the photo it points at while the report is corrected.
-- Only the latest returning review of a report is kept: a later return replaces
-- its notes (OutboxService::applyHubReviews, in the transaction of the return).
-- The action and photo uuids are those of the reviewed manifest; a correction
-- (revision r+1) keeps the same rows, so the same uuids. They are not foreign
-- keys: an action removed while correcting leaves its note, shown then with the
-- general comment.
CREATE TABLE review_notes (
    report_uuid TEXT NOT NULL REFERENCES reports (uuid) ON DELETE CASCADE,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    position    INTEGER NOT NULL CHECK (position >= 0),
    action_uuid TEXT NOT NULL DEFAULT '',
    photo_uuid  TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    reviewer    TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX review_notes_report ON review_notes (report_uuid, position);
