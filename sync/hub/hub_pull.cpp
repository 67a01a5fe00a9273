// PullDesk: the regional pull (docs/protocol.md §10.2).
#include "sync/hub/hub_pull.h"

#include "core/domain/types.h"

#include "sync/protocol.h"

#include <QCoreApplication>
#include <QHash>

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

Outcome<QList<PulledRevision>> PullDesk::revisions(const sync::Scope &scope, qint64 since, int limit) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    limit = qBound(1, limit, m_hub.options().statusPageMax);
    // Every stored revision and every change of its state is an event of the status
    // feed: its cursor orders the pull, and a revision comes again when it changes.
    auto events = m_hub.store().events(qMax<qint64>(0, since), limit, m_hub.municipalitiesOf(scope));
    if (!events)
        return Hub::serverError(events.error());
    QList<PulledRevision> out;
    QHash<QString, QString> names; // of the units that are people, once a page
    for (const EventRecord &e : events.value()) {
        auto report = m_hub.store().report(e.report);
        if (!report)
            return Hub::serverError(report.error());
        auto revision = m_hub.store().revision(e.report, e.revision);
        if (!revision)
            return Hub::serverError(revision.error());
        if (!report.value() || !revision.value())
            continue; // not possible in one store; never a reason to fail the page
        PulledRevision p;
        p.cursor = e.cursor;
        p.report = *report.value();
        p.revision = *revision.value();
        p.revision.manifest.clear(); // GET …/revisions/<n> brings it, verified by its hash
        const QString &unit = p.report.municipality;
        if (!core::isIbgeCode(unit)) {
            if (!names.contains(unit)) {
                auto name = m_hub.store().unitName(unit);
                if (!name)
                    return Hub::serverError(name.error());
                names.insert(unit, name.value());
            }
            p.unitName = names.value(unit);
        }
        out << p;
    }
    return out;
}

Outcome<RevisionRecord> PullDesk::manifest(const sync::Scope &scope, const QString &reportUuid,
                                           int revision) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    auto report = m_hub.store().report(reportUuid);
    if (!report)
        return Hub::serverError(report.error());
    // Unknown, or another region's: the same answer.
    if (!report.value() || !m_hub.covers(scope, report.value()->municipality))
        return Hub::notFound();
    auto found = m_hub.store().revision(reportUuid, revision);
    if (!found)
        return Hub::serverError(found.error());
    if (!found.value())
        return Hub::notFound();
    return *found.value();
}

Outcome<sync::ManifestBatch> PullDesk::manifests(const sync::Scope &scope,
                                                 const QList<sync::RevisionRef> &asked) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    sync::ManifestBatch out;
    qint64 bytes = 0;
    for (const sync::RevisionRef &ref : asked) {
        auto found = manifest(scope, ref.report, ref.revision);
        if (!found) {
            if (found.error().status != 404)
                return found.error();
            out.missing << ref;
            continue;
        }
        // The first always goes (a manifest is at most maxManifestBytes); the rest
        // while the answer stays within the bound.
        bytes += found->manifest.size();
        if (!out.manifests.isEmpty() && bytes > m_hub.options().manifestBatchBytes)
            break;
        out.manifests << qMakePair(ref, found->manifest);
    }
    return out;
}

Outcome<QByteArray> PullDesk::blob(const sync::Scope &scope, const QString &sha256) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    if (!sync::isSha256Hex(sha256))
        return Hub::notFound();
    // Only a photo a revision of the scope names; any other — another region's, or one
    // the hub does not have — is the same 404.
    auto known = m_hub.store().knownBlobs({sha256}, m_hub.municipalitiesOf(scope), QString());
    if (!known)
        return Hub::serverError(known.error());
    if (!known->contains(sha256) || !m_hub.blobs().has(sha256))
        return Hub::notFound();
    auto bytes = m_hub.blobs().read(sha256);
    if (!bytes)
        return Hub::serverError(bytes.error());
    return bytes.value();
}

Outcome<QList<sync::RosterUnit>> PullDesk::units(const sync::Scope &scope) const
{
    if (scope.kind == sync::Scope::Kind::Municipality)
        return notARegionalToken();
    if (scope.programId() == core::ProgramDefinition::sesMgMobilizacaoId())
        return Hub::error(404, QStringLiteral("not_found"),
                          QCoreApplication::translate(
                              "Hub", "This list exists only for a program whose reports are made "
                                     "by people (apoiadores); the municipalities of a URS come from "
                                     "the reference table."));
    auto roster = m_hub.store().unitRoster(scope.programId(),
                                           scope.kind == sync::Scope::Kind::Urs ? scope.region() : QString());
    if (!roster)
        return Hub::serverError(roster.error());
    return roster.value();
}

} // namespace mobiliza::hub
