// The regional pull (docs/protocol.md §10.2): what a URS (or the central level)
// copies into its local replica — the revisions of its municipalities, oldest
// change first, from the status feed's cursor (GET /api/v1/revisions), a
// revision's manifest (GET …/reports/<uuid>/revisions/<n>, or many at once with
// POST /api/v1/revisions/manifests) and a photo a revision
// in the scope names (GET /api/v1/blobs/<sha256>). A municipality's token: 403.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub, so it is made per request.
#pragma once

#include "sync/hub/hub.h"
#include "sync/protocol_pull.h"

namespace mobiliza::hub {

struct PulledRevision
{
    qint64 cursor = 0;
    ReportRecord report;
    RevisionRecord revision; // its current state (the event's may be older); no manifest
    QString unitName;        // a person's unit (an apoiador, not an IBGE code): HubStore::unitName
};

class PullDesk
{
public:
    explicit PullDesk(Hub &hub) : m_hub(hub) {}

    // One page (limit bounded by HubOptions::statusPageMax) of the revisions in the
    // scope after `since`: every stored revision and every change of its state is an
    // event of the status feed, so a revision comes again when it changes.
    Outcome<QList<PulledRevision>> revisions(const sync::Scope &scope, qint64 since, int limit) const;
    // A revision with its manifest; an unknown one, or another region's: 404.
    Outcome<RevisionRecord> manifest(const sync::Scope &scope, const QString &reportUuid, int revision) const;
    // Many manifests at once (POST /revisions/manifests, feature "manifest_batch"),
    // in the order asked, until HubOptions::manifestBatchBytes; unknown or another region's
    // revisions are `missing` (what a GET answers with 404); the rest is left for
    // the next request.
    Outcome<sync::ManifestBatch> manifests(const sync::Scope &scope,
                                           const QList<sync::RevisionRef> &asked) const;
    // A photo only when a revision in the scope names it (404 otherwise, as for an
    // unknown one: no existence oracle).
    Outcome<QByteArray> blob(const sync::Scope &scope, const QString &sha256) const;
    // GET /units (§10.9): the apoiadores enrolled in a COSEMS's state (every state for
    // CONASEMS), for a program set up by state; SES-MG's municipalities are the
    // reference table's, so its scopes get 404.
    Outcome<QList<sync::RosterUnit>> units(const sync::Scope &scope) const;

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
