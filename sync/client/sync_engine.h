// One synchronization pass (docs/protocol.md §9), asynchronous, on the main
// thread:
//
//   pre-flight (only a decoded pre-flight means online)
//   → when the pre-flight's tokenRenewAfter has passed (by the hub's clock):
//     POST /token, the new token stored (TokenStore) before it is used; a
//     failed renewal changes nothing (the old token keeps working; next pass)
//   → the targets (§10.8): a central level's pending edit PUT (renumbered past
//     the hub's), or the hub's newer ones fetched and kept (TargetsService)
//   → for each due outbox item: markSending → blobs/missing → PUT each missing
//     photo (one per request: a cut costs at most the photo in flight) → PUT the
//     manifest → a decoded receipt for this report, revision and manifest hash
//     → markReceived. Rejected (422, 409 conflict, 400) → set aside, continue
//     with the others; other failures → backoff; a failure that means the hub
//     cannot be reached or trusted stops the pass (the rest waits, untouched).
//   → partners saved or erased since the last pass (PUT / DELETE)
//   → the status feed from the stored cursor: accepted / returned (with the
//     reviewer's comment) move the reports.
//
// The engine is handed a configured HubClient (address, token); the
// SyncController decides when passes run.
#pragma once

#include "core/regional/photo_cache.h"

#include "core/services/outbox_service.h"
#include "sync/client/hub_client.h"
#include "sync/client/hub_error.h"
#include "sync/protocol.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace mobiliza::core {
class Services;
}

namespace mobiliza::sync {

class RegionalSteps;

// Whether the hub's scope is this profile's: its program, its level and its place (the
// municipality or the apoiador's id, the URS or the state). The pre-flight and an
// enrollment refuse any other.
bool scopeFitsProfile(const Scope &scope, core::Services &services);

struct PassReport
{
    bool enrolled = true;
    bool online = false; // the pre-flight answered as the hub
    int sent = 0;        // revisions the hub confirmed with a receipt in this pass
    int rejected = 0;    // set aside in this pass (findings stored on the item)
    int failed = 0;      // will be retried (backoff)
    int resumed = 0;     // times an item went on after a cut that followed progress
    int remaining = 0;   // after the pass: queued, sending, held or rejected items
    int partnersSent = 0;
    int reviewsApplied = 0; // reports moved by the status feed
    // A URS or central profile (RegionalSteps): decisions sent and the replica's pull.
    bool regional = false;
    int decisionsSent = 0;
    int decisionsRefused = 0;
    int importsSent = 0;
    int batchesSent = 0;
    int refused = 0; // imports and batches the hub refused
    int revisionsPulled = 0;
    int manifestsFetched = 0;
    int photosFetched = 0;
    bool replicaUpToDate = false;
    bool statusPulled = false;
    bool targetsPublished = false; // the central level's edit of the targets reached the hub
    bool targetsReceived = false;  // newer targets came from the hub (§10.8)
    bool allConfirmed = false;     // online, nothing left to send, everything confirmed
    std::optional<HubError> error; // what stopped the pass (pre-flight, connection…)
    QStringList messages;          // pt-BR, one per problem, for the user
};

class SyncEngine : public QObject
{
    Q_OBJECT

public:
    enum class Phase
    {
        Idle,
        Checking,
        Sending,
        Partners,
        Status,
        Regional
    };
    Q_ENUM(Phase)

    SyncEngine(core::Services &services, core::OutboxService &outbox, HubClient &client,
               QObject *parent = nullptr);
    ~SyncEngine() override;

    // Who started a pass: a scheduled one sends the items that are due; one the person
    // asked for ("Sincronizar agora", --sync) tries every queued item now — backoff
    // only spaces the passes nobody asked for.
    enum class Pass
    {
        Scheduled,
        Asked
    };

    bool isRunning() const { return m_running; }
    // False when a pass is already running (only one at a time).
    bool start(Pass pass = Pass::Scheduled);
    // Waiting for a moment the hub itself asked for (429 Retry-After): not sent before
    // it, even by "Sincronizar agora" — asking again only earns a longer wait.
    static bool waitsForHub(const core::OutboxItem &item, const QDateTime &now);
    // The error code of a failure of the connection (no network, refused, reset, cut,
    // silent), not of the hub: a pass whose pre-flight answers sends such a report at once.
    static bool failedOnTheLink(const QString &errorCode);
    // Stops the pass: the request in flight is aborted, the item goes back to
    // the queue (backoff), finished() is emitted.
    void abort();
    // Stores a renewed token (TokenStore::write, atomic) before the pass uses it.
    // Without one, the engine never renews.
    using TokenSaver = std::function<core::Status(const QString &token)>;
    void setTokenSaver(TokenSaver saver) { m_saveToken = std::move(saver); }
    int statusPageSize() const { return m_statusPageSize; }
    void setStatusPageSize(int size) { m_statusPageSize = size; }
    // The central level's photo cache bound (core/regional/photo_cache.h).
    void setPhotoCacheBytes(qint64 bytes) { m_photoCacheBytes = bytes; }

Q_SIGNALS:
    void phaseChanged(mobiliza::sync::SyncEngine::Phase phase);
    void contact(const mobiliza::sync::Preflight &preflight);
    void itemStarted(const QString &itemUuid, qint64 totalBytes);
    void itemProgress(const QString &itemUuid, qint64 sentBytes, qint64 totalBytes);
    void itemFinished(const QString &itemUuid);
    void finished(const mobiliza::sync::PassReport &report);

private:
    void onPreflight(const HubResult<Preflight> &result);
    void rememberHub(const HubInfo &hub);
    void startSending();
    void startRegional();
    void afterPreflight(); // the targets (§10.8), then afterTargets()
    void afterTargets();
    // PUT the central level's pending targets; after a stale_targets refusal, once more renumbered.
    void publishTargets(bool refused, std::function<void(const std::optional<HubError> &)> next);
    void nextItem();
    void uploadNext();
    void sendBlob(const QString &sha, const core::Result<QByteArray> &bytes);
    void putManifest();
    bool waitForHub(const HubError &error); // a short 429: wait, then the same item again
    bool resumeAfterCut(const HubError &error); // cut after progress: the same item again, soon
    void retryCurrentIn(int seconds);           // the current item again after a wait
    void itemFailed(const HubError &error);
    void itemDone();
    void pushPartners();
    void nextPartner();
    void pullStatus();
    void finish(std::optional<HubError> stoppedBy = std::nullopt);
    void setPhase(Phase phase);
    QString itemLabel(const core::OutboxItem &item) const;
    HubError localError(const QString &message) const;
    // Wraps a callback so it is ignored once the pass it belongs to ended.
    template <typename T> HubClient::Callback<T> guarded(std::function<void(const HubResult<T> &)> f);

    core::Services &m_services;
    core::OutboxService &m_outbox;
    HubClient &m_client;
    bool m_running = false;
    Pass m_pass = Pass::Scheduled;
    quint64 m_generation = 0;
    int m_hubTargets = -1; // the pre-flight's targetsRevision; -1: the hub has no targets route
    int m_statusPageSize = 200;
    qint64 m_photoCacheBytes = core::kCentralPhotoCacheBytes;
    TokenSaver m_saveToken;
    Phase m_phase = Phase::Idle;
    PassReport m_report;
    Limits m_limits;

    QList<core::OutboxItem> m_items;
    int m_index = 0;
    core::OutboxItem m_current;
    QByteArray m_manifest;
    QStringList m_uploads;
    qint64 m_itemBase = 0; // bytes of the current item already at the hub
    bool m_missingRetried = false;
    int m_rateWaitedSeconds = 0; // waited for the hub's 429s in this pass
    int m_storedThisAttempt = 0; // photos of the current item the hub stored since it (re)started
    bool m_inItem = false; // m_current is marked "sending"

    std::unique_ptr<RegionalSteps> m_regional;

    core::PartnerChanges m_partners;
    int m_partnerIndex = 0;
    bool m_partnerRetry = false; // a partner must be sent again next pass
};

} // namespace mobiliza::sync
