// The targets on the hub (docs/protocol.md §10.8): the central level publishes the
// coverage and action targets (core::Targets) with PUT /api/v1/targets; every
// token reads them with GET /api/v1/targets, and the pre-flight says which revision
// the hub holds (targetsRevision) so a client fetches them only when they changed.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub, so it is made per request.
#pragma once

#include "sync/hub/hub.h"

#include <QByteArray>

namespace mobiliza::hub {

class TargetsDesk
{
public:
    explicit TargetsDesk(Hub &hub) : m_hub(hub) {}

    // The stored document; 404 "no_targets" when none was published.
    // SES-MG's only: another program's token gets 404 too.
    Outcome<QByteArray> get(const TokenRecord &token) const;

    struct Published
    {
        int revision = 0;
        bool created = false; // false: the same revision was already stored (a retry)
    };
    // Only a central token (403 forbidden). The body must be a valid targets document
    // (422 invalid_targets) naming URS of the hub's reference table (422 unknown_urs),
    // newer than the stored one (409 stale_targets, with the hub's revision); the same
    // revision with the same content again is a retry (200).
    Outcome<Published> put(const TokenRecord &token, const QByteArray &body);

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
