// The partners of the region on the hub (docs/protocol.md §10.6): GET
// /api/v1/partners?since=<cursor>&limit=<n> lists, oldest change first, the
// partners of the token's municipalities (a URS's, by the hub's current
// reference table as for the pull, §10.2; every one for the central level) as
// BRIEF §7 lets them travel to the regional level — core::regionPartnerOf of
// what the municipality shared, so a contact person, phone, e-mail or CPF never
// leaves the hub this way even when the municipality shared them with consent —
// and its erased partners as tombstones, so the copies forget them.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub, so it is made per request.
#pragma once

#include "sync/hub/hub.h"
#include "sync/protocol_partners_region.h"

namespace mobiliza::hub {

class RegionPartnersDesk
{
public:
    explicit RegionPartnersDesk(Hub &hub) : m_hub(hub) {}

    // A municipality's token → 403 forbidden. Otherwise one page (limit bounded by
    // HubOptions::statusPageMax) after `since`; `next` is the last entry's cursor,
    // or `since` when nothing changed.
    Outcome<sync::RegionPartnerPage> list(const sync::Scope &scope, qint64 since, int limit) const;

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
