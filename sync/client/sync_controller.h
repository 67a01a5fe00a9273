// The client's synchronization, as the app sees it: enrollment with the
// regional hub, when passes run, and what the Synchronization page shows.
//
// Passes (SyncEngine, one at a time, never blocking the main thread) start:
// - when a revision becomes ready (Notifier::reportChanged with a due item);
// - when connectivity returns (QNetworkInformation reachability, if a backend
//   loads; only a successful pre-flight means online);
// - on a timer: every 5 minutes, and at the next item's next_attempt_at;
// - on syncNow() ("Sincronizar agora", --sync), always available: such a pass tries
//   every queued item now, backing off or not (SyncEngine::Pass::Asked).
//
// The hub address, name and scope live in the profile's settings; the token
// only in the TokenStore (never in settings, logs, audit rows or messages).
//
// For the command line: enrollBlocking() and runPassBlocking() run a local
// event loop until done (or the timeout).
#pragma once

#include "core/regional/photo_cache.h"

#include "core/services/outbox_service.h"
#include "core/util/result.h"
#include "sync/client/hub_client.h"
#include "sync/client/sync_engine.h"
#include "sync/protocol.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace mobiliza::core {
class Services;
}

namespace mobiliza::sync {

class TokenStore;

enum class SyncState
{
    NotEnrolled, // no hub yet
    Idle,        // last pass reached the hub
    Checking,    // pre-flight in flight
    Sending,     // pushing, partners, status
    Offline,     // the hub could not be reached (no network, captive portal…)
    Error,       // the hub answered but something needs the user (revoked token…)
};

struct Enrollment
{
    QUrl url;
    HubInfo hub;
    Scope scope;
    QDateTime enrolledAt;
};

// How a SyncController runs (tests shorten everything).
struct SyncOptions
{
    int periodicMs = 5 * 60 * 1000;
    int triggerDelayMs = 1500; // coalesces bursts of changes into one pass
    bool watchConnectivity = true;
    HubClient::Timeouts timeouts;
    std::function<double()> random01; // backoff jitter; empty: system random
    QString installationLabel;        // sent with the enrollment ("PC da SMS")
    // A central profile keeps at most this many bytes of photos (core/regional/photo_cache.h).
    qint64 photoCacheBytes = core::kCentralPhotoCacheBytes;
};

class SyncController : public QObject
{
    Q_OBJECT

public:
    using Options = SyncOptions;

    SyncController(core::Services &services, QNetworkAccessManager *network, TokenStore &tokens,
                   Options options = {}, QObject *parent = nullptr);
    ~SyncController() override;

    // ---- enrollment
    bool isEnrolled() const;
    std::optional<Enrollment> enrollment() const;
    // Exchanges the one-time code for a token (POST /enroll), checks that the
    // scope is this profile's municipality, stores the token and the hub.
    // Emits enrollFinished(ok, message).
    void enroll(const QString &url, const QString &code);
    core::Result<EnrollResponse> enrollBlocking(const QString &url, const QString &code,
                                                int timeoutMs = 60'000);
    bool isEnrolling() const { return m_enrolling; }
    // Why an http:// address to another computer is refused, and what to type instead.
    static QString insecureAddressMessage(const QUrl &url);
    core::Status forgetEnrollment();

    // ---- passes
    void start(); // arms the triggers; the first pass follows shortly when enrolled
    void syncNow();
    PassReport runPassBlocking(int timeoutMs = 10 * 60 * 1000);
    bool isRunning() const { return m_engine->isRunning(); }
    std::optional<PassReport> lastPass() const { return m_lastPass; }
    QDateTime nextPassAt() const { return m_nextPassAt; }

    // ---- what the page shows
    SyncState state() const { return m_state; }
    QString lastErrorMessage() const { return m_lastError; }
    QDateTime lastContact() const;
    // The earliest moment a queued report may go again that the hub itself asked for
    // (its 429 and Retry-After): before then a pass sends it nothing. Invalid: none waits.
    QDateTime hubAskedToWaitUntil() const;
    // When the window, left open, would run its next pass after the last one (the
    // pass's backoff after a connection failure, else the earliest report due).
    QDateTime nextAutomaticPassAt() const;
    qint64 bytesPending() const;
    QString currentItem() const { return m_currentItem; }
    qint64 currentSent() const { return m_currentSent; }
    qint64 currentTotal() const { return m_currentTotal; }
    bool tokenInFallbackStorage() const;

    core::OutboxService &outbox() { return *m_outbox; }
    core::Status hold(const QString &itemUuid);
    core::Status release(const QString &itemUuid);  // and a pass soon
    core::Status retryNow(const QString &itemUuid); // and a pass now

    static QString stateLabel(SyncState state); // translated

Q_SIGNALS:
    void stateChanged(mobiliza::sync::SyncState state);
    void passStarted();
    void passFinished(const mobiliza::sync::PassReport &report);
    void progressChanged(const QString &itemUuid, qint64 sent, qint64 total);
    void enrollmentChanged();
    void enrollFinished(bool ok, const QString &message);
    // The next automatic pass was planned (nextPassAt()).
    void nextPassChanged();

private:
    void setState(SyncState state);
    void schedule(int delayMs);
    void scheduleNext();
    qint64 nextPassDelayMs() const;
    static constexpr int kLinkRetryMs = 5000; // the first retry after a pass failed on the link
    void runPass(SyncEngine::Pass pass);
    void onReportChanged();
    void onPassFinished(const PassReport &report);
    void watchConnectivity();
    bool configureClient();
    core::Result<EnrollResponse> finishEnrollment(const QUrl &url, const HubResult<EnrollResponse> &result);

    core::Services &m_services;
    TokenStore &m_tokens;
    Options m_options;
    std::unique_ptr<core::OutboxService> m_outbox;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<HubClient> m_enrollClient;
    std::unique_ptr<SyncEngine> m_engine;
    QTimer m_timer;
    QDateTime m_nextPassAt;
    bool m_started = false;
    bool m_again = false; // "sync now" while a pass was running
    bool m_enrolling = false;
    int m_failedPasses = 0; // consecutive passes stopped by the connection or the hub
    SyncState m_state = SyncState::NotEnrolled;
    QString m_lastError;
    std::optional<PassReport> m_lastPass;
    std::optional<QString> m_token; // cached after the first read
    QString m_currentItem;
    qint64 m_currentSent = 0;
    qint64 m_currentTotal = 0;
};

} // namespace mobiliza::sync
