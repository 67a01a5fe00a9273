-- Schema version 11: the state a reviewer saw when deciding (docs/protocol.md
-- §10.7, "seen"): a URS's decision leaves from a report the central level
-- returned only when it was made on that state, so a decision queued offline
-- before the return does not overrule it unseen. Empty: decided before this
-- version (the hub then treats it as made on received / in review).
ALTER TABLE review_outbox ADD COLUMN seen_state TEXT NOT NULL DEFAULT '';
