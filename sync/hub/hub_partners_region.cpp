// RegionPartnersDesk (docs/protocol.md §10.6).
#include "sync/hub/hub_partners_region.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace mobiliza::hub {

Q_LOGGING_CATEGORY(lcRegionPartners, "mobiliza.hub.partners")

Outcome<sync::RegionPartnerPage> RegionPartnersDesk::list(const sync::Scope &scope, qint64 since, int limit) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate(
                              "Hub", "Only the regional office (URS) and the central level read the partners of "
                                     "the region. This installation sends its own partners."));
    since = qMax<qint64>(0, since);
    auto records =
        m_hub.store().partnersSince(since, qBound(1, limit, m_hub.options().statusPageMax), m_hub.municipalitiesOf(scope));
    if (!records)
        return Hub::serverError(records.error());
    sync::RegionPartnerPage page;
    page.next = since;
    for (const PartnerRecord &r : std::as_const(records.value())) {
        page.next = r.seq;
        core::RegionPartner p;
        if (!r.deleted) {
            // What the municipality shared, cut down to what the regional level may see.
            auto shared = sync::partnerFromWire(r.json);
            if (!shared) {
                qCWarning(lcRegionPartners) << "stored partner" << r.uuid << "does not decode; not listed";
                continue;
            }
            p = core::regionPartnerOf(shared.value());
        }
        p.uuid = r.uuid;
        p.municipality = r.municipality; // the owner fixed at its first write
        p.deleted = r.deleted;
        p.updatedAt = r.updatedAt;
        p.cursor = r.seq;
        page.partners << p;
    }
    return page;
}

} // namespace mobiliza::hub
