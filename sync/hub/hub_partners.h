// A municipality's partners on the hub (docs/protocol.md §7): PUT and DELETE
// /api/v1/partners/<uuid>. Only a municipality writes and erases its partners (a
// URS or central scope: 403; they read the partners of the region, hub_partners_region.h).
// A partner's municipality is fixed at its first write (or erasure): a PUT naming
// another one is 409 "partner_mismatch". Only the wire form of the decoded partner is
// kept — what the municipality may share (BRIEF §7).
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub, so it is made per request.
#pragma once

#include "sync/hub/hub.h"

namespace mobiliza::hub {

struct PartnerOutcome
{
    QString uuid;
    QDateTime updatedAt;
    bool applied = false;
};

class PartnerDesk
{
public:
    explicit PartnerDesk(Hub &hub) : m_hub(hub) {}

    // A body that does not decode → 400 bad_request, another uuid in it → 400
    // path_mismatch, an unknown municipality → 422 validation_failed, another
    // municipality's partner → 403 forbidden. `applied` is false when the hub
    // already had a newer (or the same) change.
    Outcome<PartnerOutcome> put(const sync::Scope &scope, const QString &uuid, const QByteArray &body);
    // An unknown partner leaves a tombstone of this municipality; another
    // municipality's partner, or a uuid that is not one → 404 not_found.
    Outcome<PartnerOutcome> erase(const sync::Scope &scope, const QString &uuid);

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
