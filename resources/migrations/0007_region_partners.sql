-- Schema version 7: "Parceiros da região" — the URS's read-only copy of its
-- municipalities' partners (docs/protocol.md §10.6), pulled with a cursor (kept
-- in settings as region_partners_cursor). Only what BRIEF §7 lets travel to the
-- regional level: never a contact person, phone, e-mail, address or CPF. A
-- partner its municipality erased is removed. Empty in a municipality's profile.
CREATE TABLE region_partners (
    uuid         TEXT PRIMARY KEY NOT NULL,
    municipality TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'informal_group')),
    governmental INTEGER NOT NULL DEFAULT 0 CHECK (governmental IN (0, 1)),
    formal       INTEGER NOT NULL DEFAULT 1 CHECK (formal IN (0, 1)),
    sector       TEXT NOT NULL DEFAULT '',
    stage        TEXT NOT NULL CHECK (stage IN ('mapped', 'sensitized', 'active', 'inactive')),
    cnpj         TEXT NOT NULL DEFAULT '',
    consent      INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    consent_date TEXT,
    updated_at   TEXT NOT NULL,
    cursor       INTEGER NOT NULL DEFAULT 0,
    pulled_at    TEXT NOT NULL
) STRICT;
CREATE INDEX region_partners_municipality ON region_partners (municipality);
