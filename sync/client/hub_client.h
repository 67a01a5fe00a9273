// The client end of docs/protocol.md: one asynchronous call per route over an
// injected QNetworkAccessManager (tests pass their own), each answer decoded
// with the shared codecs (sync/protocol.h) and every failure turned into a
// typed HubError with words a user can act on.
//
// Rules kept here so no caller can get them wrong:
// - success is ONLY a 200/201 whose body decodes as the route's expected JSON
//   (a captive portal's 200 page, a redirect or a proxy's page is NotHub);
// - redirects are never followed (captive portals redirect);
// - 30 s to connect, then 60 s without progress in either direction aborts
//   the request (Timeout); progress restarts the clock, so a slow but moving
//   upload is never cut;
// - the token goes only into the Authorization header: never into URLs,
//   messages or logs;
// - nothing goes over plain http:// to another computer: a request to such an
//   address (one stored before this rule, or set by a caller) is answered
//   Insecure without a connection being made, unless the lab setting is on
//   (MOBILIZA_ALLOW_INSECURE_HUB=1, see insecureHubAllowed()).
//
// Callbacks run on the thread of the HubClient (the main thread), after the
// call returned; abortAll() answers Aborted; a destroyed HubClient calls nothing.
#pragma once

#include "core/domain/types.h"
#include "core/reference/targets.h"
#include "sync/client/hub_error.h"
#include "sync/protocol.h"
#include "sync/protocol_batch.h"
#include "sync/protocol_partners_region.h"
#include "sync/protocol_pull.h"
#include "sync/protocol_review.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace mobiliza::sync {

struct BlobStored
{
    QString sha256;
    qint64 bytes = 0;
    bool created = false; // 201; false: the hub already had it (200)
};

// POST /revisions/manifests (§10.2): what came, each checked against the SHA-256
// the listing gave; what the hub does not have for this scope; what came with other
// bytes (nothing of it kept). Anything asked and in none of them: ask again.
struct ManifestAnswer
{
    QList<QPair<RevisionRef, QByteArray>> manifests;
    QList<RevisionRef> missing;
    QList<RevisionRef> mismatched;
};

struct PartnerApplied
{
    QString partner;
    bool applied = false; // false: the hub had a newer version
};

class HubClient : public QObject
{
    Q_OBJECT

public:
    struct Timeouts
    {
        int connectMs = 30'000;
        int idleMs = 60'000;
    };

    template <typename T> using Callback = std::function<void(HubResult<T>)>;
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    explicit HubClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HubClient() override;

    // The hub's address as the URS gave it ("https://hub.urs-barbacena.mg.gov.br",
    // possibly with a path prefix); routes go under <url>/api/v1/….
    void setBaseUrl(const QUrl &url) { m_base = url; }
    QUrl baseUrl() const { return m_base; }
    void setToken(const QString &token) { m_token = token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    void setTimeouts(Timeouts timeouts) { m_timeouts = timeouts; }
    Timeouts timeouts() const { return m_timeouts; }
    // Every request is paced to stay under the hub's limit per token: a year's backlog
    // then lands in one pass instead of tripping the hub's 429 and a backoff. The pace
    // is 90 % of the rate and half the burst the pre-flight announced (another pass or
    // process of the same installation may have used the rest), or, before one and
    // with an older hub, of a hub's defaults (50 a second, 200 at once).
    void setPace(double requestsPerSecond, int burst);
    double paceRate() const { return m_paceRate; }
    double paceBurst() const { return m_paceBurst; }

    void preflight(Callback<Preflight> done);
    // What the last pre-flight that answered as the hub offers (its `features`, §2):
    // empty before one, and for an older hub.
    QStringList hubFeatures() const { return m_features; }
    void enroll(const EnrollRequest &request, Callback<EnrollResponse> done); // no token needed
    // POST /token: a new token for this installation (the enrollment answer's
    // shape); the one in use keeps working for the hub's overlap. The caller
    // stores the new token, then setToken()s it.
    void renewToken(Callback<EnrollResponse> done);
    // One answer for all the names, asked in as many requests as the limits
    // (from the pre-flight) need; the first failure answers.
    void missingBlobs(const QStringList &blobs, Callback<QStringList> done)
    {
        missingBlobs(blobs, Limits{}, std::move(done));
    }
    void missingBlobs(const QStringList &blobs, const Limits &limits, Callback<QStringList> done);
    void putBlob(const QString &sha256, const QByteArray &bytes, Progress progress,
                 Callback<BlobStored> done);
    // The answer's receipt is checked against the request (report, revision);
    // the caller compares the manifest hash with its own.
    void putManifest(const QString &reportUuid, int revision, const QByteArray &manifest, Progress progress,
                     Callback<Receipt> done);
    void status(qint64 since, int limit, Callback<StatusPage> done);
    void putPartner(const core::Partner &partner, Callback<PartnerApplied> done);
    void deletePartner(const QString &uuid, Callback<PartnerApplied> done);

    // ---- the regional desk (docs/protocol.md §10; hub_client_regional.cpp)
    // One page of the URS's revisions after `since`.
    void pullRevisions(qint64 since, int limit, Callback<PullPage> done);
    // A revision's manifest, its SHA-256 checked against `expectedSha256`
    // (a mismatch is NotHub: nothing from it is kept).
    void getManifest(const QString &reportUuid, int revision, const QString &expectedSha256,
                     Callback<QByteArray> done);
    // Up to kManifestBatchMax manifests in one request (hub feature "manifest_batch"),
    // each with the SHA-256 its listing gave. An answer naming a revision not asked is NotHub.
    void getManifests(const QList<QPair<RevisionRef, QString>> &asked, Callback<ManifestAnswer> done);
    // A photo's bytes, checked against its SHA-256.
    void getBlob(const QString &sha256, Callback<QByteArray> done);
    // GET /reports/<uuid>/history (§10.3): every event of the report, oldest first.
    void getHistory(const QString &reportUuid, Callback<QList<HistoryEvent>> done);
    // GET /units (§10.9, hub feature "units"): the apoiadores of the COSEMS's state.
    void getUnits(Callback<QList<RosterUnit>> done);
    // PUT /reviews/<uuid>. A 409 state_changed is Conflict with code
    // "state_changed", currentState set and the message naming who decided.
    void putDecision(const ReviewDecision &decision, Callback<DecisionAnswer> done);
    // PUT /imports/<sha256> with a report package file's bytes (§10.4): the push's receipt.
    void putImport(const QString &packageSha256, const QByteArray &file, Progress progress, Callback<Receipt> done);
    // PUT /batches/<uuid> (§10.5): the receipt. A 409 batch_refused is Conflict with
    // code "batch_refused" and the message naming the refused reports.
    void putBatch(const Batch &batch, Callback<BatchReceipt> done);
    // GET /partners (§10.6; hub_client_partners.cpp): one page of the partners of
    // the URS's municipalities after `since`, as the regional level may see them.
    void pullPartners(qint64 since, int limit, Callback<RegionPartnerPage> done);
    // GET /targets (§10.8): the targets the central level published, checked.
    void getTargets(Callback<core::Targets> done);
    // PUT /targets (§10.8, central level only): the revision the hub now holds.
    void putTargets(const core::Targets &targets, Callback<int> done);
    // Body bytes received by the regional calls (for the bench's wire ratio).
    qint64 bodyBytesReceived() const { return m_bodyBytesReceived; }

    // Stops every call in flight (and those waiting for their turn); their callbacks get Aborted.
    void abortAll();
    int callsInFlight() const { return int(m_inFlight.size()) + m_pacedWaiting; }

    // Body bytes written so far (requests) — for progress and measurements.
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

    // Valid hub addresses are https URLs with a host; "hub.example" gets https://.
    // Plain http:// only to this computer (127.0.0.0/8, ::1, "localhost"), or to
    // another one with the lab setting on (insecureHubAllowed()): over http the
    // token and partners' contacts travel unprotected.
    static QUrl normalizeUrl(const QString &text);
    static bool isValidHubUrl(const QUrl &url);
    // http(s) with a host and no user info, whatever the transport: an address
    // stored before http was refused still names the hub the profile enrolled with.
    static bool isWellFormedHubUrl(const QUrl &url);
    // http:// to another computer (what the lab setting is needed for).
    static bool isUnprotectedUrl(const QUrl &url);
    static bool isLoopbackHost(const QString &host);
    // The lab setting: the environment variable MOBILIZA_ALLOW_INSECURE_HUB=1.
    static bool insecureHubAllowed();
    static const char *insecureHubVariable() { return "MOBILIZA_ALLOW_INSECURE_HUB"; }
    // The one sentence the screens show while the lab setting carries a hub over http.
    static QString insecureWarning();

    // Splits a blobs/missing query so each request fits both announced limits:
    // at most maxMissingQuery names and an encoded body within maxJsonBytes
    // (with headroom). Names are deduplicated; the order is kept.
    static QList<QStringList> missingBatches(const QStringList &blobs, const Limits &limits);

private:
    struct Response
    {
        int status = 0; // HTTP status; 0 when none
        QByteArray body;
        int networkError = 0; // QNetworkReply::NetworkError
        bool timedOut = false;
        bool aborted = false;
        QByteArray retryAfter;
        bool refused = false; // never sent: the address is unprotected (http:// elsewhere)
    };
    using Handler = std::function<void(const Response &)>;

    enum class Route
    {
        Preflight,
        Enroll,
        Missing,
        Blob,
        Manifest,
        Status,
        Partner,
        Token,
        Pull,
        Review
    };

    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
              const QByteArray &contentType, bool authenticated, Progress progress, Handler handler);
    void dispatch(const QByteArray &verb, const QString &path, const QByteArray &body,
                  const QByteArray &contentType, bool authenticated, Progress progress, Handler handler);
    // Takes a turn from the pace's bucket: 0, or the milliseconds to wait for it.
    qint64 nextTurnMs();
    void refillPace(); // the bucket up to now
    QUrl routeUrl(const QString &path) const;
    HubError errorFor(const Response &response, Route route) const;
    void askMissing(std::shared_ptr<QList<QStringList>> batches, std::shared_ptr<QStringList> missing,
                    Callback<QStringList> done);
    QString host() const;

    QNetworkAccessManager *m_network;
    QUrl m_base;
    QString m_token;
    QStringList m_features; // of the last pre-flight
    Timeouts m_timeouts;
    QList<QPointer<QNetworkReply>> m_inFlight;
    qint64 m_bodyBytesSent = 0;
    qint64 m_bodyBytesReceived = 0;
    // The pace: a token bucket on the monotonic clock (see setPace).
    double m_paceRate = 45;
    double m_paceBurst = 100;
    double m_paceTokens = 100;
    qint64 m_paceLast = 0;
    QElapsedTimer m_paceClock;
    quint64 m_generation = 0; // abortAll() moves it: a waiting request is then aborted
    int m_pacedWaiting = 0;
};

} // namespace mobiliza::sync
