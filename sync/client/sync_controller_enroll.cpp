// SyncController's enrollment: a one-time code becomes this installation's token,
// after checking that the hub's scope is this profile's program, level and place.
#include "sync/client/sync_controller.h"

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/services/services.h"
#include "sync/client/token_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSysInfo>

namespace mobiliza::sync {

Q_DECLARE_LOGGING_CATEGORY(lcSync)

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

} // namespace

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
                .arg(core::ProgramDefinition::embeddedNameOf(response.scope.programId()),
                     core::ProgramDefinition::embeddedNameOf(profile.program()))};
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

} // namespace mobiliza::sync
