// The regional part of a synchronization pass (a URS or central profile),
// after the pre-flight (docs/protocol.md §10):
//
//   0. package files received at the URS (PackageIntake) go up as imports with
//      provenance first (a decision on one needs the hub to have it);
//   1. review decisions waiting in the ReviewOutbox, one per request: applied
//      (201/200), refused (409 state_changed / decision_conflict, 422: kept with
//      the reason, never retried), or failed (backoff; a failure of the link or
//      the hub stops the pass, the rest waits untouched);
//   1c. batches to the central level (BatchService), each kept as refused with
//      the hub's reason or backed off;
//   2. the pull: pages of the URS's revisions from the stored cursor, each page
//      applied in one transaction;
//   3. every manifest not here yet (verified against the listed SHA-256);
//   3b. the history threads of the newest month's reports and of those the
//      reviewer opened, when the listing changed since they arrived;
//   4. the photos of the newest month's latest revisions not in the blob store,
//      and of the revisions the reviewer opened (ReplicaService::want), verified.
//
// The replica is "up to date" when all four ended with nothing left.
#pragma once

#include "core/regional/photo_cache.h"
#include "core/regional/queue_table.h"

#include "sync/client/hub_client.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace mobiliza::core {
class Services;
}

namespace mobiliza::sync {

struct RegionalCounts
{
    int decisionsSent = 0;
    int decisionsRefused = 0;
    int importsSent = 0;   // package files received at the URS, now on the hub
    int batchesSent = 0;   // batches the hub gave a receipt for
    int refused = 0;       // imports and batches the hub refused (kept with the reason)
    int revisionsPulled = 0; // entries of the listing applied (new or changed)
    int manifestsFetched = 0;
    int historiesFetched = 0; // report history threads brought up to date
    int photosFetched = 0;
    qint64 bytesFetched = 0; // manifests + photos
    bool upToDate = false;
    QStringList messages; // pt-BR, refusals and local problems
};

class RegionalSteps : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(std::optional<HubError> stoppedBy)>;

    RegionalSteps(core::Services &services, HubClient &client, QObject *parent = nullptr);

    // Runs the four steps; `done` once, on the main thread. Only one run at a time.
    // Backoff::Ignore (a pass the person asked for): every queued item is sent now.
    void run(Done done, core::Backoff backoff = core::Backoff::Respect);
    const RegionalCounts &counts() const { return m_counts; }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = size; }
    // A central profile: the photos kept at most (core/regional/photo_cache.h).
    void setPhotoCacheBytes(qint64 bytes) { m_photoCacheBytes = bytes; }
    // Backoff jitter for failed decisions (tests fix it).
    void setRandom(std::function<double()> random01) { m_random = std::move(random01); }

Q_SIGNALS:
    void stepChanged(const QString &label); // pt-BR, for the Synchronization page

private:
    void startImports();
    void startDecisions();
    void startBatches();
    void nextDecision();
    void nextImport();
    void nextBatch();
    void writeReceiptBeside(const QString &uuid, const QString &batchFilePath);
    void pull();
    void startManifests(); // regional_manifest_step.cpp
    void nextManifests();  // many a request (feature "manifest_batch")
    void nextManifest();   // one a request (an older hub)
    void startHistories(); // regional_history_step.cpp
    void nextHistory();
    void startPhotos();
    void nextPhoto();
    void pullRoster(); // 5 for a program of people (§10.9): the apoiadores of the state
    void stop(std::optional<HubError> error);
    void localProblem(const QString &message);
    bool current(quint64 run) const { return run == m_run && m_done; }
    // The hub asked to slow down (429 with Retry-After, a pull of hundreds of photos
    // over a fast link): `retry` runs after the wait, within the same pass. False when
    // the error is something else, or the pass waited enough already.
    bool waitAndRetry(const HubError &error, std::function<void()> retry);

    core::Services &m_services;
    HubClient &m_client;
    Done m_done;
    int m_pageSize = 200;
    core::Backoff m_backoff = core::Backoff::Respect;
    qint64 m_photoCacheBytes = core::kCentralPhotoCacheBytes;
    std::function<double()> m_random;
    RegionalCounts m_counts;
    QStringList m_decisions;
    QStringList m_imports;
    QStringList m_batches;
    QList<QPair<QString, int>> m_manifests;
    QList<QPair<QString, qint64>> m_histories; // report, its listed cursor
    QStringList m_photos;
    int m_index = 0;
    bool m_incomplete = false;
    quint64 m_run = 0; // callbacks of an earlier run are ignored
    int m_waitedSeconds = 0; // in this run, for 429s
};

} // namespace mobiliza::sync
