// Hub: the regional pull (docs/protocol.md §10.2) — what a URS (or the central
// level) copies into its local replica: the revisions of its municipalities with
// a cursor, their manifests, and their photos. Split from hub.cpp by feature.
#include "sync/hub/hub.h"

#include "sync/protocol.h"

#include <QCoreApplication>

namespace mobiliza::hub {

namespace {

Refusal notARegionalToken()
{
    return Hub::error(403, QStringLiteral("forbidden"),
                      QCoreApplication::translate(
                          "Hub", "Only the regional office (URS) and the central level copy reports from the hub. "
                                 "This installation sends its own reports and receives their reviews."));
}

} // namespace

Outcome<QList<PulledRevision>> Hub::pullRevisions(const sync::Scope &scope, qint64 since, int limit) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    limit = qBound(1, limit, m_options.statusPageMax);
    // Every stored revision and every change of its state is an event of the status
    // feed: its cursor orders the pull, and a revision comes again when it changes.
    auto events = m_store.events(qMax<qint64>(0, since), limit, municipalitiesOf(scope));
    if (!events)
        return serverError(events.error());
    QList<PulledRevision> out;
    for (const EventRecord &e : events.value()) {
        auto report = m_store.report(e.report);
        if (!report)
            return serverError(report.error());
        auto revision = m_store.revision(e.report, e.revision);
        if (!revision)
            return serverError(revision.error());
        if (!report.value() || !revision.value())
            continue; // not possible in one store; never a reason to fail the page
        PulledRevision p;
        p.cursor = e.cursor;
        p.report = *report.value();
        p.revision = *revision.value();
        p.revision.manifest.clear(); // GET …/revisions/<n> brings it, verified by its hash
        out << p;
    }
    return out;
}

Outcome<RevisionRecord> Hub::pulledManifest(const sync::Scope &scope, const QString &reportUuid,
                                            int revision) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    auto report = m_store.report(reportUuid);
    if (!report)
        return serverError(report.error());
    // Unknown, or another region's: the same answer.
    if (!report.value() || !covers(scope, report.value()->municipality))
        return notFound();
    auto found = m_store.revision(reportUuid, revision);
    if (!found)
        return serverError(found.error());
    if (!found.value())
        return notFound();
    return *found.value();
}

Outcome<QByteArray> Hub::pulledBlob(const sync::Scope &scope, const QString &sha256) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    if (!sync::isSha256Hex(sha256))
        return notFound();
    // Only a photo a revision of the scope names; any other — another region's, or one
    // the hub does not have — is the same 404.
    auto known = m_store.knownBlobs({sha256}, municipalitiesOf(scope), QString());
    if (!known)
        return serverError(known.error());
    if (!known->contains(sha256) || !m_blobs.has(sha256))
        return notFound();
    auto bytes = m_blobs.read(sha256);
    if (!bytes)
        return serverError(bytes.error());
    return bytes.value();
}

} // namespace mobiliza::hub
