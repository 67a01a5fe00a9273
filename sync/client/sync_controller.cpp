#include "sync/client/sync_controller.h"

#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/services/services.h"
#include "sync/client/token_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QSysInfo>

#include <algorithm>

namespace mobiliza::sync {

Q_LOGGING_CATEGORY(lcSync, "mobiliza.sync")

namespace {

const QString kHubSetting = QStringLiteral("sync.hub");

QJsonObject scopeJson(const Scope &s)
{
    QJsonObject o{{QStringLiteral("kind"), scopeKindKey(s.kind)}};
    if (s.kind == Scope::Kind::Municipality)
        o.insert(QStringLiteral("municipality"), s.municipality);
    if (s.kind == Scope::Kind::Urs && !s.urs.isEmpty())
        o.insert(QStringLiteral("urs"), s.urs);
    if (!s.program.isEmpty())
        o.insert(QStringLiteral("program"), s.program);
    if (!s.uf.isEmpty())
        o.insert(QStringLiteral("uf"), s.uf);
    return o;
}

Scope scopeFrom(const QJsonObject &o)
{
    Scope s;
    const QString kind = o.value(QStringLiteral("kind")).toString();
    if (kind == QLatin1String("urs"))
        s.kind = Scope::Kind::Urs;
    else if (kind == QLatin1String("central"))
        s.kind = Scope::Kind::Central;
    s.municipality = o.value(QStringLiteral("municipality")).toString();
    s.urs = o.value(QStringLiteral("urs")).toString();
    s.program = o.value(QStringLiteral("program")).toString();
    s.uf = o.value(QStringLiteral("uf")).toString();
    return s;
}

// A program as people read it, or its id when this build does not ship it.
QString programName(const QString &id)
{
    const core::ProgramDefinition program = core::ProgramDefinition::embeddedById(id);
    return program.isNull() ? id : program.name();
}

// A hub scope as the person enrolling reads it: "a URS (Barbacena)", "the state BA"…
QString scopeWords(const Scope &s)
{
    switch (s.kind) {
    case Scope::Kind::Urs:
        return s.urs.isEmpty()
                   ? QCoreApplication::translate("SyncController", "the coordination of the state %1")
                         .arg(s.uf)
                   : QCoreApplication::translate("SyncController", "a URS (%1)").arg(s.urs);
    case Scope::Kind::Central:
        return QCoreApplication::translate("SyncController", "the central level");
    case Scope::Kind::Municipality:
        break;
    }
    return core::isApoiadorId(s.municipality)
               ? QCoreApplication::translate("SyncController", "an apoiador of the state %1").arg(s.uf)
               : QCoreApplication::translate("SyncController", "a municipality (IBGE %1)")
                     .arg(s.municipality);
}

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
        if (m_started && !isRunning() && isEnrolled()
            && (m_services.reviews().pendingCount() > 0
                || core::PackageIntake(m_services, m_services.reference()).pendingCount() > 0
                || core::BatchService(m_services).pendingCount() > 0))
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

// ------------------------------------------------------------------ enrollment

std::optional<Enrollment> SyncController::enrollment() const
{
    const QString text = m_services.profile().setting(kHubSetting);
    if (text.isEmpty())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    Enrollment e;
    e.url = QUrl(o.value(QStringLiteral("url")).toString());
    // Well-formed is enough here: an http:// address stored before http was
    // refused stays visible (and refused at sync time, HubError::Kind::Insecure)
    // rather than silently turning the profile into "not enrolled".
    if (!HubClient::isWellFormedHubUrl(e.url))
        return std::nullopt;
    e.hub.id = o.value(QStringLiteral("hubId")).toString();
    e.hub.name = o.value(QStringLiteral("hubName")).toString();
    e.scope = scopeFrom(o.value(QStringLiteral("scope")).toObject());
    e.enrolledAt = QDateTime::fromString(o.value(QStringLiteral("enrolledAt")).toString(), Qt::ISODate);
    return e;
}

bool SyncController::isEnrolled() const
{
    if (!enrollment())
        return false;
    auto *self = const_cast<SyncController *>(this);
    if (!m_token) {
        auto token = self->m_tokens.read();
        if (!token)
            return false;
        self->m_token = token.value();
    }
    return !m_token->isEmpty();
}

bool SyncController::tokenInFallbackStorage() const
{
    return isEnrolled() && m_tokens.usingFallback();
}

core::Result<EnrollResponse> SyncController::finishEnrollment(const QUrl &url,
                                                              const HubResult<EnrollResponse> &result)
{
    if (!result)
        return core::Error{result.error().code, result.error().message};
    const EnrollResponse &response = result.value();
    const core::ProfileService &profile = m_services.profile();
    const QString unit = profile.reportingUnit();
    const auto role = profile.role().value_or(core::Role::Municipality);
    const core::ProgramLevel level = core::ProgramDefinition::embeddedById(profile.program()).level(role);
    if (response.scope.programId() != profile.program())
        return core::Error{
            QStringLiteral("wrong_program"),
            QCoreApplication::translate("SyncController",
                                        "This code is of another program (%1) than this installation's "
                                        "(%2). Ask the hub's administrator for a code of your program.")
                .arg(programName(response.scope.programId()), programName(profile.program()))};
    const bool kindFits = role == core::Role::Urs       ? response.scope.kind == Scope::Kind::Urs
                          : role == core::Role::Central ? response.scope.kind == Scope::Kind::Central
                                                        : response.scope.kind == Scope::Kind::Municipality;
    if (!kindFits)
        return core::Error{QStringLiteral("wrong_scope"),
                           QCoreApplication::translate(
                               "SyncController", "This code is for %1, but this installation is %2. Ask the "
                                                 "hub's administrator for a code of the right kind.")
                               .arg(scopeWords(response.scope), level.label)};
    if (role == core::Role::Urs && level.place == QLatin1String("uf") && response.scope.uf != profile.uf())
        return core::Error{
            QStringLiteral("wrong_uf"),
            QCoreApplication::translate("SyncController",
                                        "This code was issued for the state %1, but this installation "
                                        "is of %2. Ask the hub's administrator for a code for %2.")
                .arg(response.scope.uf, profile.uf())};
    if (role == core::Role::Urs && level.place != QLatin1String("uf") &&
        response.scope.urs.compare(profile.urs(), Qt::CaseInsensitive) != 0)
        return core::Error{
            QStringLiteral("wrong_urs"),
            QCoreApplication::translate("SyncController",
                                        "This code was issued for the URS %1, but this installation is "
                                        "the URS %2. Ask the hub's administrator for a code for %2.")
                .arg(response.scope.urs, profile.urs())};
    if (response.scope.kind == Scope::Kind::Municipality && core::isApoiadorId(unit) &&
        response.scope.uf != profile.uf())
        return core::Error{
            QStringLiteral("wrong_municipality"),
            QCoreApplication::translate("SyncController",
                                        "This code was issued for an apoiador of the state %1, but this "
                                        "installation is an apoiador of %2. Ask for a code for %2.")
                .arg(response.scope.uf, profile.uf())};
    if (response.scope.kind == Scope::Kind::Municipality && core::isApoiadorId(unit) &&
        response.scope.municipality != unit)
        return core::Error{
            QStringLiteral("wrong_municipality"),
            QCoreApplication::translate("SyncController",
                                        "The hub enrolled this code as another apoiador (%1), but this "
                                        "installation is %2. Update Mobiliza, or tell the hub's "
                                        "administrator.")
                .arg(response.scope.municipality, unit)};
    if (response.scope.kind == Scope::Kind::Municipality && response.scope.municipality != unit)
        return core::Error{QStringLiteral("wrong_municipality"),
                           QCoreApplication::translate(
                               "SyncController", "This code was issued for another municipality (IBGE %1), "
                                                 "but this profile belongs to %2. Ask the URS for a code "
                                                 "for this municipality.")
                               .arg(response.scope.municipality, unit)};
    if (core::Status s = m_tokens.write(response.token); !s)
        return s.error();
    const QJsonObject o{{QStringLiteral("url"), url.toString()},
                        {QStringLiteral("hubId"), response.hub.id},
                        {QStringLiteral("hubName"), response.hub.name},
                        {QStringLiteral("scope"), scopeJson(response.scope)},
                        {QStringLiteral("enrolledAt"), utcTimestamp(m_services.clock().now())}};
    if (core::Status s = m_services.profile().setSetting(
            kHubSetting, QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
        !s)
        return s.error();
    m_token = response.token;
    qCInfo(lcSync) << "enrolled with hub" << url.host() << response.hub.id;
    setState(SyncState::Idle);
    m_lastError.clear();
    Q_EMIT enrollmentChanged();
    if (m_started)
        schedule(0);
    return response;
}

void SyncController::enroll(const QString &urlText, const QString &code)
{
    auto fail = [this](const QString &message) { Q_EMIT enrollFinished(false, message); };
    if (m_enrolling)
        return fail(
            QCoreApplication::translate("SyncController", "A connection to the hub is already being made."));
    const QUrl url = HubClient::normalizeUrl(urlText);
    if (!HubClient::isWellFormedHubUrl(url))
        return fail(QCoreApplication::translate("SyncController",
                                                "\"%1\" is not a hub address. Type the address the URS gave "
                                                "you, for example https://hub.urs.saude.mg.gov.br.")
                        .arg(urlText.trimmed()));
    // Checked before anything leaves: not even the code goes over plain http to another computer.
    if (!HubClient::isValidHubUrl(url))
        return fail(insecureAddressMessage(url));
    const QString trimmed = code.trimmed().toUpper();
    if (trimmed.isEmpty())
        return fail(
            QCoreApplication::translate("SyncController", "Type the enrollment code the URS gave you."));
    if (!m_services.profile().role())
        return fail(QCoreApplication::translate(
            "SyncController", "Choose this profile's municipality before connecting to the hub."));
    m_enrolling = true;
    m_enrollClient->abortAll();
    m_enrollClient->setBaseUrl(url);
    const QString label = m_options.installationLabel.isEmpty() ? QSysInfo::machineHostName().left(120)
                                                                : m_options.installationLabel.left(120);
    // What this installation is: a hub refuses a code of another program or state unused.
    const EnrollRequest request{trimmed, m_services.profile().installationId(), label,
                                m_services.profile().program(), m_services.profile().uf()};
    m_enrollClient->enroll(request, [this, url](HubResult<EnrollResponse> result) {
        auto done = finishEnrollment(url, result);
        m_enrolling = false;
        Q_EMIT enrollFinished(
            done.ok(), done.ok() ? QCoreApplication::translate("SyncController",
                                                               "Connected to %1. Concluded reports will be "
                                                               "sent automatically.")
                                       .arg(done->hub.name.isEmpty() ? url.host() : done->hub.name)
                                 : done.error().message);
    });
}

core::Result<EnrollResponse> SyncController::enrollBlocking(const QString &url, const QString &code,
                                                            int timeoutMs)
{
    std::optional<std::pair<bool, QString>> outcome;
    QEventLoop loop;
    auto connection =
        connect(this, &SyncController::enrollFinished, &loop, [&](bool ok, const QString &message) {
            outcome = std::make_pair(ok, message);
            loop.quit();
        });
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, [this] { m_enrollClient->abortAll(); });
    enroll(url, code);
    if (!outcome) {
        timer.start(timeoutMs);
        loop.exec();
    }
    disconnect(connection);
    if (!outcome)
        return core::Error{HubError::kindKey(HubError::Kind::Timeout),
                           HubError::messageFor(HubError::Kind::Timeout)};
    if (!outcome->first)
        return core::Error{QStringLiteral("enroll_failed"), outcome->second};
    auto e = enrollment();
    EnrollResponse response;
    response.hub = e ? e->hub : HubInfo{};
    response.scope = e ? e->scope : Scope{};
    return response; // the token stays in the TokenStore
}

core::Status SyncController::forgetEnrollment()
{
    m_engine->abort();
    if (core::Status s = m_tokens.clear(); !s)
        return s;
    m_token = QString();
    if (core::Status s = m_services.profile().setSetting(kHubSetting, QString()); !s)
        return s;
    m_timer.stop();
    m_nextPassAt = {};
    setState(SyncState::NotEnrolled);
    Q_EMIT enrollmentChanged();
    return {};
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
}

void SyncController::scheduleNext()
{
    if (!m_started || !isEnrolled())
        return;
    qint64 delay = m_options.periodicMs;
    if (m_lastPass && m_lastPass->error) {
        // The hub could not be reached: back off like the items do (30 s … the period).
        const int streak = std::min(m_failedPasses, 12);
        delay = std::min<qint64>(delay, core::OutboxService::backoffSeconds(streak, 0.5) * 1000);
    } else if (auto next = m_outbox->nextAttemptAt()) {
        const qint64 until = m_services.clock().now().msecsTo(*next);
        delay = std::clamp<qint64>(until, 1000, delay);
    }
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
