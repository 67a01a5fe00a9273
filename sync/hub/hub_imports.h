// The hub's imports with provenance (docs/protocol.md §10.4): a report package
// file that reached a URS on a USB stick or by e-mail, sent up by that URS
// (PUT /api/v1/imports/<package file sha256>) and stored "exactly as if it had
// been pushed" — verified like `mobiliza-hub import` (checksums, the program's
// rules, the report's municipality in the token's scope) — with `via: import`
// and who received it (the URS, its installation and label).
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub, so it is made per request.
#pragma once

#include "sync/hub/hub.h"
#include "sync/hub/hub_revisions.h"

namespace mobiliza::hub {

class ImportDesk
{
public:
    explicit ImportDesk(Hub &hub) : m_hub(hub) {}

    // A municipality's token → 403 forbidden; a name that is not 64 hex digits →
    // 400 bad_name; a body that does not hash to it → 422 hash_mismatch (nothing
    // stored); then RevisionDesk::importPackage for the token's scope: a package that does
    // not verify → 400 with its code (413 too_large), a report outside the scope →
    // 404 not_found, the push's answers (201 / 200 same receipt / 409 / 422).
    Outcome<ImportResult> put(const TokenRecord &token, const QString &sha256, const QByteArray &body);

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
