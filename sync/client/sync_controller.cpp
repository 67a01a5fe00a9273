#include "sync/client/sync_controller.h"

#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"

#include "core/domain/clock.h"
#include "core/services/services.h"
#include "sync/client/token_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QNetworkInformation>

#include <algorithm>

namespace mobiliza::sync {

Q_LOGGING_CATEGORY(lcSync, "mobiliza.sync")

namespace {

bool isOfflineKind(HubError::Kind kind)
{
    switch (kind) {
    case HubError::Kind::Offline:
    case HubError::Kind::Unreachable:
    case HubError::Kind::Timeout:
    case HubError::Kind::NotHub:
    case HubError::Kind::Aborted:
        return true;
    default:
        return false;
    }
}

} // namespace

QString SyncController::insecureAddressMessage(const QUrl &url)
{
    return QCoreApplication::translate(
               "SyncController",
               "\"%1\" is a plain http:// address: the enrollment code, the access key and partners' "
               "contacts would travel unprotected over the network, so Mobiliza does not use it. Type "
               "the https:// address given by the URS, for example https://hub.urs.saude.mg.gov.br.")
        .arg(url.toString());
}

SyncController::SyncController(core::Services &services, QNetworkAccessManager *network, TokenStore &tokens,
                               Options options, QObject *parent)
    : QObject(parent), m_services(services), m_tokens(tokens), m_options(std::move(options))
{
    m_outbox = std::make_unique<core::OutboxService>(services.database(), services.notifier(),
                                                     services.clock(), services.audit(), m_options.random01);
    m_client = std::make_unique<HubClient>(network);
    m_client->setTimeouts(m_options.timeouts);
    m_enrollClient = std::make_unique<HubClient>(network);
    m_enrollClient->setTimeouts(m_options.timeouts);
    m_engine = std::make_unique<SyncEngine>(services, *m_outbox, *m_client);
    m_engine->setPhotoCacheBytes(options.photoCacheBytes);
    // A renewed token replaces the stored one (atomically) before the pass uses it.
    m_engine->setTokenSaver([this](const QString &token) -> core::Status {
        if (core::Status s = m_tokens.write(token); !s)
            return s;
        m_token = token;
        qCInfo(lcSync) << "hub token renewed";
        return {};
    });

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_nextPassAt = {};
        if (isEnrolled() && !isRunning())
            runPass(SyncEngine::Pass::Scheduled);
    });
    connect(m_engine.get(), &SyncEngine::phaseChanged, this, [this](SyncEngine::Phase phase) {
        if (phase == SyncEngine::Phase::Checking)
            setState(SyncState::Checking);
        else if (phase != SyncEngine::Phase::Idle)
            setState(SyncState::Sending);
    });
    connect(m_engine.get(), &SyncEngine::itemStarted, this, [this](const QString &item, qint64 total) {
        m_currentItem = item;
        m_currentSent = 0;
        m_currentTotal = total;
        Q_EMIT progressChanged(item, 0, total);
    });
    connect(m_engine.get(), &SyncEngine::itemProgress, this,
            [this](const QString &item, qint64 sent, qint64 total) {
                m_currentItem = item;
                m_currentSent = sent;
                m_currentTotal = total;
                Q_EMIT progressChanged(item, sent, total);
            });
    connect(m_engine.get(), &SyncEngine::itemFinished, this, [this](const QString &item) {
        m_currentItem.clear();
        m_currentSent = m_currentTotal = 0;
        Q_EMIT progressChanged(item, 0, 0);
    });
    connect(m_engine.get(), &SyncEngine::finished, this, &SyncController::onPassFinished);
    connect(&services.notifier(), &core::Notifier::reportChanged, this, &SyncController::onReportChanged);
    // A review decision made at the URS goes up shortly (the pull's own changes
    // are not "due": they never trigger a pass by themselves).
    connect(&services.notifier(), &core::Notifier::replicaChanged, this, [this] {
        if (m_started && !isRunning() && isEnrolled() &&
            (m_services.reviews().pendingCount() > 0 ||
             core::PackageIntake(m_services, m_services.reference()).pendingCount() > 0 ||
             core::BatchService(m_services).pendingCount() > 0))
            schedule(m_options.triggerDelayMs);
    });

    m_state = isEnrolled() ? SyncState::Idle : SyncState::NotEnrolled;
}

SyncController::~SyncController()
{
    // The engine's callbacks are not called by a destroyed client; rows left in
    // "sending" are recovered by the next pass.
    m_client.reset();
    m_enrollClient.reset();
}

QString SyncController::stateLabel(SyncState state)
{
    switch (state) {
    case SyncState::NotEnrolled:
        return QCoreApplication::translate("SyncController", "Not connected to a hub");
    case SyncState::Idle:
        return QCoreApplication::translate("SyncController", "Up to date");
    case SyncState::Checking:
        return QCoreApplication::translate("SyncController", "Checking the connection…");
    case SyncState::Sending:
        return QCoreApplication::translate("SyncController", "Synchronizing…");
    case SyncState::Offline:
        return QCoreApplication::translate("SyncController", "No connection to the hub");
    case SyncState::Error:
        return QCoreApplication::translate("SyncController", "Needs attention");
    }
    return {};
}

void SyncController::setState(SyncState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

// ------------------------------------------------------------------ passes

void SyncController::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_options.watchConnectivity)
        watchConnectivity();
    if (isEnrolled())
        schedule(m_options.triggerDelayMs);
}

void SyncController::watchConnectivity()
{
    if (!QNetworkInformation::instance() &&
        !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        // No backend (no NetworkManager, no glib): the timer and "Sync now" still work.
        qCInfo(lcSync) << "no network information backend; passes run on the timer only";
        return;
    }
    QNetworkInformation *info = QNetworkInformation::instance();
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Disconnected ||
                    reachability == QNetworkInformation::Reachability::Unknown)
                    return;
                // "Online" only means a route exists: the pass's pre-flight decides.
                if (isEnrolled() && !isRunning())
                    schedule(m_options.triggerDelayMs);
            });
}

void SyncController::schedule(int delayMs)
{
    const QDateTime at = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
    if (m_timer.isActive() && m_nextPassAt.isValid() && m_nextPassAt <= at)
        return; // an earlier pass is already planned
    m_nextPassAt = at;
    m_timer.start(std::max(0, delayMs));
    Q_EMIT nextPassChanged();
}

qint64 SyncController::nextPassDelayMs() const
{
    qint64 delay = m_options.periodicMs;
    if (m_lastPass && m_lastPass->error) {
        const int streak = std::clamp(m_failedPasses, 1, 12);
        if (SyncEngine::failedOnTheLink(HubError::kindKey(m_lastPass->error->kind)))
            // The link (no route, refused, cut, silent): a probe costs one small request,
            // so the next one comes soon after the link is back — 5 s, doubling, up to
            // the period (a link that comes and goes is caught while it is up).
            delay = std::min<qint64>(delay, qint64(kLinkRetryMs) << (streak - 1));
        else
            // The hub answered with an error: back off like the items do (30 s … the period).
            delay = std::min<qint64>(delay, core::OutboxService::backoffSeconds(streak, 0.5) * 1000);
    } else if (auto next = m_outbox->nextAttemptAt()) {
        const qint64 until = m_services.clock().now().msecsTo(*next);
        delay = std::clamp<qint64>(until, 1000, delay);
    }
    return delay;
}

QDateTime SyncController::nextAutomaticPassAt() const
{
    return m_services.clock().now().addMSecs(nextPassDelayMs());
}

void SyncController::scheduleNext()
{
    if (!m_started || !isEnrolled())
        return;
    const qint64 delay = nextPassDelayMs();
    m_timer.stop();
    m_nextPassAt = {};
    schedule(int(delay));
}

void SyncController::onReportChanged()
{
    if (!m_started || isRunning() || !isEnrolled())
        return;
    if (m_outbox->hasDue(m_services.clock().now()))
        schedule(m_options.triggerDelayMs);
}

bool SyncController::configureClient()
{
    auto e = enrollment();
    if (!e || !isEnrolled())
        return false;
    m_client->setBaseUrl(e->url);
    m_client->setToken(*m_token);
    return true;
}

void SyncController::syncNow()
{
    runPass(SyncEngine::Pass::Asked);
}

void SyncController::runPass(SyncEngine::Pass pass)
{
    if (isRunning()) {
        m_again = m_again || pass == SyncEngine::Pass::Asked;
        return;
    }
    m_timer.stop();
    m_nextPassAt = {};
    if (!configureClient()) {
        setState(SyncState::NotEnrolled);
        PassReport report;
        report.enrolled = false;
        report.remaining = m_outbox->count(core::OutboxState::Queued) +
                           m_outbox->count(core::OutboxState::Held) +
                           m_outbox->count(core::OutboxState::Rejected);
        report.messages << QCoreApplication::translate(
            "SyncController", "This computer is not connected to the hub of its URS yet. "
                              "Ask the URS for an enrollment code and choose \"Connect to "
                              "the URS hub…\" on the Synchronization page.");
        m_lastError = report.messages.constFirst();
        m_lastPass = report;
        Q_EMIT passFinished(report);
        return;
    }
    if (m_engine->start(pass))
        Q_EMIT passStarted();
}

void SyncController::onPassFinished(const PassReport &report)
{
    m_lastPass = report;
    m_currentItem.clear();
    m_currentSent = m_currentTotal = 0;
    if (report.error) {
        ++m_failedPasses;
        m_lastError = report.error->message;
        setState(isOfflineKind(report.error->kind) ? SyncState::Offline : SyncState::Error);
    } else {
        m_failedPasses = 0;
        m_lastError = report.messages.isEmpty() ? QString() : report.messages.constLast();
        setState(SyncState::Idle);
    }
    qCInfo(lcSync).noquote() << "pass:" << (report.online ? "online" : "offline") << "sent" << report.sent
                             << "rejected" << report.rejected << "failed" << report.failed << "remaining"
                             << report.remaining
                             << (report.error ? HubError::kindKey(report.error->kind) : QStringLiteral("ok"));
    Q_EMIT passFinished(report);
    if (m_again) { // the person asked while this pass ran: theirs, next
        m_again = false;
        m_timer.stop();
        m_nextPassAt = {};
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (isEnrolled()) // not if the installation was disconnected meanwhile
                    syncNow();
            },
            Qt::QueuedConnection);
        return;
    }
    scheduleNext();
}

PassReport SyncController::runPassBlocking(int timeoutMs)
{
    QEventLoop loop;
    std::optional<PassReport> result;
    bool waitingForOurs = false;
    auto connection = connect(this, &SyncController::passFinished, &loop, [&](const PassReport &report) {
        if (!waitingForOurs)
            return;
        result = report;
        loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, [this, &loop] {
        m_engine->abort();
        loop.quit();
    });
    deadline.start(timeoutMs);
    // A pass already running (a trigger) finishes first.
    if (isRunning()) {
        QEventLoop wait;
        auto c = connect(m_engine.get(), &SyncEngine::finished, &wait, &QEventLoop::quit);
        connect(&deadline, &QTimer::timeout, &wait, &QEventLoop::quit);
        wait.exec();
        disconnect(c);
    }
    const bool again = m_again;
    m_again = false;
    waitingForOurs = true;
    if (deadline.isActive())
        syncNow();
    if (!result && deadline.isActive())
        loop.exec();
    disconnect(connection);
    m_again = again;
    if (!result) {
        PassReport timedOut;
        timedOut.error = HubError::make(HubError::Kind::Timeout);
        timedOut.messages << timedOut.error->message;
        timedOut.remaining = m_outbox->count(core::OutboxState::Queued) +
                             m_outbox->count(core::OutboxState::Held) +
                             m_outbox->count(core::OutboxState::Rejected);
        return timedOut;
    }
    return *result;
}

// ------------------------------------------------------------------ page helpers

QDateTime SyncController::lastContact() const
{
    return m_outbox->lastContact();
}

QDateTime SyncController::hubAskedToWaitUntil() const
{
    QDateTime until;
    const QDateTime now = m_services.clock().now();
    for (const core::OutboxItem &item : m_outbox->queuedItems())
        if (SyncEngine::waitsForHub(item, now) && (!until.isValid() || item.nextAttemptAt < until))
            until = item.nextAttemptAt;
    return until;
}

qint64 SyncController::bytesPending() const
{
    return m_outbox->bytesPending();
}

core::Status SyncController::hold(const QString &itemUuid)
{
    return m_outbox->hold(itemUuid);
}

core::Status SyncController::release(const QString &itemUuid)
{
    core::Status s = m_outbox->release(itemUuid);
    if (s && isEnrolled())
        schedule(m_options.triggerDelayMs);
    return s;
}

core::Status SyncController::retryNow(const QString &itemUuid)
{
    core::Status s = m_outbox->retryNow(itemUuid);
    if (s && isEnrolled())
        syncNow();
    return s;
}

} // namespace mobiliza::sync
