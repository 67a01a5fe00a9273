// Step 3 of a URS pass (regional_steps.h): the manifests of the listed revisions
// not fetched yet (docs/protocol.md §10.2) — a hundred a request when the hub
// offers "manifest_batch" (POST /revisions/manifests), stored in one transaction
// each; one GET a manifest from an older hub.
#include "core/services/services.h"
#include "sync/client/regional_steps.h"

#include <QCoreApplication>
#include <QSet>

namespace mobiliza::sync {

namespace {

QString badBytesMessage()
{
    return QCoreApplication::translate(
        "RegionalSteps", "The hub sent a report that does not match its checksum; it was not kept and "
                         "is asked for again at the next synchronization.");
}

} // namespace

void RegionalSteps::startManifests()
{
    if (m_client.hubFeatures().contains(QLatin1String("manifest_batch")))
        nextManifests();
    else
        nextManifest();
}

void RegionalSteps::nextManifests()
{
    if (m_index >= m_manifests.size()) {
        startHistories(); // regional_history_step.cpp; then the photos
        return;
    }
    const int first = m_index;
    QList<QPair<RevisionRef, QString>> asked;
    while (m_index < m_manifests.size() && asked.size() < kManifestBatchMax) {
        const auto [report, revision] = m_manifests.at(m_index++);
        auto listed = m_services.replica().revision(report, revision);
        if (listed && listed.value())
            asked << qMakePair(RevisionRef{report, revision}, listed.value()->manifestSha256);
    }
    if (asked.isEmpty()) {
        nextManifests();
        return;
    }
    m_client.getManifests(asked, [this, asked, first, run = m_run](HubResult<ManifestAnswer> r) {
        if (!current(run))
            return;
        if (!r) {
            if (waitAndRetry(r.error(), [this, first] {
                    m_index = first;
                    nextManifests();
                }))
                return;
            if (r.error().stopsPass()) {
                stop(r.error());
                return;
            }
            localProblem(r.error().message); // these are asked again at the next pass
            nextManifests();
            return;
        }
        QList<core::ReplicaService::FetchedManifest> fetched;
        qint64 bytes = 0;
        for (const auto &[ref, manifest] : std::as_const(r->manifests)) {
            fetched << core::ReplicaService::FetchedManifest{ref.report, ref.revision, manifest};
            bytes += manifest.size();
        }
        QList<core::Error> rejected;
        if (core::Status s = m_services.replica().storeManifests(fetched, &rejected); !s) {
            localProblem(s.error().message);
        } else {
            m_counts.manifestsFetched += int(fetched.size() - rejected.size());
            m_counts.bytesFetched += bytes;
        }
        for (const core::Error &e : std::as_const(rejected))
            localProblem(e.message);
        if (!r->mismatched.isEmpty())
            localProblem(badBytesMessage());
        for (const RevisionRef &gone : std::as_const(r->missing))
            // Not this URS's (any more: a municipality moved to another URS), or
            // gone: forgotten, never asked again.
            if (auto d = m_services.replica().dropUnfetched(gone.report, gone.revision); !d)
                localProblem(d.error().message);
        // What the answer left out (it reached its size bound): asked again now,
        // as long as each answer brings something.
        QSet<QPair<QString, int>> answered;
        auto key = [](const RevisionRef &ref) { return qMakePair(ref.report, ref.revision); };
        for (const auto &m : std::as_const(r->manifests))
            answered << key(m.first);
        for (const RevisionRef &ref : std::as_const(r->missing) + r->mismatched)
            answered << key(ref);
        if (!answered.isEmpty())
            for (qsizetype i = asked.size() - 1; i >= 0; --i)
                if (const RevisionRef &ref = asked.at(i).first; !answered.contains(key(ref)))
                    m_manifests.insert(m_index, qMakePair(ref.report, ref.revision));
        nextManifests();
    });
}

void RegionalSteps::nextManifest()
{
    if (m_index >= m_manifests.size()) {
        startHistories(); // regional_history_step.cpp; then the photos
        return;
    }
    const auto [report, revision] = m_manifests.at(m_index++);
    auto listed = m_services.replica().revision(report, revision);
    if (!listed || !listed.value()) {
        nextManifest();
        return;
    }
    m_client.getManifest(
        report, revision, listed.value()->manifestSha256,
        [this, report = report, revision = revision, run = m_run](HubResult<QByteArray> r) {
            if (!current(run))
                return;
            if (!r) {
                // A 200 whose bytes do not match the listed hash: this revision
                // is skipped (asked again next pass), the others go on.
                const bool badBytes = r.error().kind == HubError::Kind::NotHub && r.error().httpStatus == 200;
                if (r.error().httpStatus == 404) {
                    // Not this URS's (any more: a municipality moved to
                    // another URS), or gone: forgotten, never asked again.
                    if (auto d = m_services.replica().dropUnfetched(report, revision); !d)
                        localProblem(d.error().message);
                    nextManifest();
                    return;
                }
                if (waitAndRetry(r.error(), [this] {
                        --m_index;
                        nextManifest();
                    }))
                    return;
                if (r.error().stopsPass() && !badBytes) {
                    stop(r.error());
                    return;
                }
                localProblem(badBytes ? badBytesMessage() : r.error().message);
                nextManifest();
                return;
            }
            if (core::Status s = m_services.replica().storeManifest(report, revision, r.value()); !s)
                localProblem(s.error().message);
            else {
                ++m_counts.manifestsFetched;
                m_counts.bytesFetched += r->size();
            }
            nextManifest();
        });
}

} // namespace mobiliza::sync
