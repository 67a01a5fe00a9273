// The partners of the region (docs/protocol.md §10.6): GET /api/v1/partners
// answers one page of the partners of the token's municipalities, with a
// cursor, as BRIEF §7 lets them travel to the regional level
// (core::regionPartnerOf: never a contact person, phone, e-mail or CPF), and
// erased partners as tombstones. Shared by the hub (encode) and the URS client
// (decode).
#pragma once

#include "core/regional/region_partners.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QList>

namespace mobiliza::sync {

struct RegionPartnerPage
{
    QList<core::RegionPartner> partners; // oldest change first
    qint64 next = 0;
    int unreadable = 0; // entries the hub listed that are not as §10.6 says: left out (decode only)
};

// {"partners": [{"cursor": 12, "partner": "<uuid>", "municipality": "3106200", "name": …,
//  "kind": …, "governmental": …, "formal": …, "sector": …, "stage": …, "cnpj": … (only when
//  there is one), "consent": {"given": true, "date": "2026-03-01"}, "updatedAt": …}
//  | {"cursor": 13, "partner": "<uuid>", "municipality": …, "deleted": true, "updatedAt": …}],
//  "next": 13}
QByteArray encode(const RegionPartnerPage &page);
// Strict, entry by entry: an entry is kept only when it names a partner (uuid) and a
// 7-digit municipality, with a cursor and a valid updatedAt; a partner that is not
// erased has a name, a known kind and stage, booleans where booleans go, a CNPJ (if
// any) of 14 letters and digits and never for a person, and a consent object (a date
// only when given). Any other entry is left out and counted in `unreadable` (a newer
// hub's kind or stage, a row the hub stored wrong) — except an erasure, which needs
// only its uuid. The page itself is refused (nothing kept: "not the hub") when it is
// not {"partners": [...], "next": cursor}, or a cursor goes back, or `next` is
// before the last entry's. Unknown members are ignored: nothing else is ever kept.
core::Result<RegionPartnerPage> decodeRegionPartnerPage(const QByteArray &body);

} // namespace mobiliza::sync
