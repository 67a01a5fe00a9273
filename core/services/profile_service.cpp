#include "core/services/profile_service.h"

#include "core/domain/clock.h"
#include "core/domain/types.h"
#include "core/program/program_definition.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/settings_rows.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

namespace mobiliza::core {

namespace {
const QString kMunicipality = QStringLiteral("municipality");
const QString kInstallationId = QStringLiteral("installation_id");
const QString kCreatedAt = QStringLiteral("created_at");
const QString kUserName = QStringLiteral("user_name");
const QString kDemo = QStringLiteral("demo");
const QString kRole = QStringLiteral("role");
const QString kUrs = QStringLiteral("urs");
const QString kProgram = QStringLiteral("program");
const QString kUf = QStringLiteral("uf");
const QString kApoiador = QStringLiteral("apoiador");
const QString kDefaultProgram = ProgramDefinition::sesMgMobilizacaoId(); // profiles from before programs

} // namespace

ProfileService::ProfileService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit)
{
}

Status ProfileService::initialize()
{
    Status created = inTransaction(m_database.db(), [&]() -> Status {
        auto existing = scalarSql(m_database.db(), QStringLiteral("SELECT value FROM settings WHERE key = ?"),
                                  {kInstallationId});
        if (!existing)
            return existing.error();
        if (!existing.value().toString().isEmpty())
            return {};
        const QString id = newUuid();
        if (Status s = upsertSetting(m_database, kInstallationId, id); !s)
            return s;
        if (Status s = upsertSetting(m_database, kCreatedAt, storeTimestamp(m_clock.now())); !s)
            return s;
        m_audit.setActor(Actor{id, userName()});
        return m_audit.record(QStringLiteral("profile"), id, QStringLiteral("create"));
    });
    if (!created)
        return created;
    m_audit.setActor(Actor{installationId(), userName()});
    return {};
}

QString ProfileService::setting(const QString &key, const QString &fallback) const
{
    auto value =
        scalarSql(m_database.db(), QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!value || !value.value().isValid())
        return fallback;
    return value.value().toString();
}

QString ProfileService::installationId() const
{
    return setting(kInstallationId);
}
QDateTime ProfileService::createdAt() const
{
    return parseStoreTimestamp(setting(kCreatedAt));
}
QString ProfileService::municipality() const
{
    return setting(kMunicipality);
}
QString ProfileService::userName() const
{
    return setting(kUserName);
}
bool ProfileService::isDemo() const
{
    return setting(kDemo) == QLatin1String("1");
}

bool ProfileService::isReservedKey(const QString &key)
{
    return key == kMunicipality || key == kInstallationId || key == kCreatedAt || key == kUserName ||
           key == kDemo || key == kRole || key == kUrs || key == kProgram || key == kUf || key == kApoiador ||
           key == QLatin1String("targets") || key == QLatin1String("targets_pending"); // TargetsService
}

Status ProfileService::write(const QString &key, const QString &value, const QString &auditAction,
                             const QJsonObject &detail)
{
    return writeAll({{key, value}}, auditAction, detail);
}

Status ProfileService::writeAll(const QList<QPair<QString, QString>> &values, const QString &auditAction,
                                const QJsonObject &detail)
{
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        for (const auto &[key, value] : values) {
            if (Status s = upsertSetting(m_database, key, value); !s)
                return s;
            if (Status s = m_audit.record(QStringLiteral("setting"), key, auditAction, detail); !s)
                return s;
        }
        return {};
    });
    if (done)
        Q_EMIT m_notifier.profileChanged();
    return done;
}

std::optional<Role> ProfileService::role() const
{
    if (const auto stored = roleFromKey(setting(kRole)))
        return stored;
    if (!municipality().isEmpty())
        return Role::Municipality; // chosen before roles existed
    return std::nullopt;
}

QString ProfileService::urs() const
{
    return role() == Role::Urs ? setting(kUrs) : QString();
}

QString ProfileService::program() const
{
    return setting(kProgram, kDefaultProgram);
}

Status ProfileService::setProgram(const QString &programId)
{
    static const QRegularExpression identifier(QStringLiteral("^[a-z][a-z0-9_]*$"));
    const QString wanted = programId.trimmed();
    if (!identifier.match(wanted).hasMatch())
        return Error{QStringLiteral("invalid_program"),
                     QCoreApplication::translate("ProfileService",
                                                 "“%1” is not a program. Choose the program "
                                                 "from the list.")
                         .arg(wanted)};
    const QString stored = setting(kProgram);
    if (stored == wanted)
        return {};
    const QString holds = stored.isEmpty() ? kDefaultProgram : stored;
    if ((!stored.isEmpty() || role()) && holds != wanted)
        return Error{
            QStringLiteral("program_locked"),
            QCoreApplication::translate(
                "ProfileService",
                "This profile records “%1” and cannot switch to “%2”: a profile holds one program. "
                "To work in “%2”, use a separate data folder (--data-dir).")
                .arg(ProgramDefinition::embeddedNameOf(holds), ProgramDefinition::embeddedNameOf(wanted))};
    return write(kProgram, wanted, QStringLiteral("set"), QJsonObject{{QStringLiteral("program"), wanted}});
}

QString ProfileService::uf() const
{
    return setting(kUf);
}

QString ProfileService::reportingUnit() const
{
    if (role() != Role::Municipality)
        return {};
    const QString place = ProgramDefinition::embeddedById(program()).level(Role::Municipality).place;
    return place == QLatin1String("uf") ? setting(kApoiador) : municipality();
}

Status ProfileService::setRole(Role role, const QString &place)
{
    const ProgramDefinition program = ProgramDefinition::embeddedById(this->program());
    const auto placeOf = [&](Role r) {
        const QString kind = program.level(r).place;
        return kind == QLatin1String("municipality") ? municipality()
               : kind == QLatin1String("urs")        ? setting(kUrs)
               : kind == QLatin1String("uf")         ? setting(kUf)
                                                     : QString();
    };
    const ProgramLevel level = program.level(role);
    const auto current = this->role();
    const QString currentPlace = current ? placeOf(*current) : QString();
    const QString wantedPlace = level.place == QLatin1String("none") ? QString() : place.trimmed();
    if (current) {
        if (*current == Role::Municipality && role == Role::Municipality && currentPlace != wantedPlace &&
            level.place == QLatin1String("municipality"))
            return setMunicipality(wantedPlace); // says which municipality this profile belongs to
        if (*current == role && currentPlace == wantedPlace) {
            if (setting(kRole).isEmpty()) // a profile from before roles: record what it is
                return write(kRole, roleKey(role), QStringLiteral("set"),
                             QJsonObject{{QStringLiteral("role"), roleKey(role)}});
            return {};
        }
        const QString currentLabel = program.level(*current).label;
        const QString is =
            currentPlace.isEmpty() ? currentLabel : QStringLiteral("%1 %2").arg(currentLabel, currentPlace);
        const QString asked =
            wantedPlace.isEmpty() ? level.label : QStringLiteral("%1 %2").arg(level.label, wantedPlace);
        return Error{QStringLiteral("role_locked"),
                     QCoreApplication::translate(
                         "ProfileService",
                         "This profile is already set up as %1 and cannot become %2. To work as %2, "
                         "use a separate data folder (--data-dir).")
                         .arg(is, asked)};
    }
    const QJsonObject detail{{QStringLiteral("role"), roleKey(role)}, {QStringLiteral("place"), wantedPlace}};
    if (level.place == QLatin1String("municipality")) {
        if (Status s = setMunicipality(wantedPlace); !s)
            return s;
        return write(kRole, roleKey(role), QStringLiteral("set"), detail);
    }
    if (level.place == QLatin1String("urs")) {
        if (wantedPlace.isEmpty())
            return Error{QStringLiteral("invalid_urs"),
                         QCoreApplication::translate("ProfileService",
                                                     "Choose the regional health unit (URS) from the list.")};
        return writeAll({{kUrs, wantedPlace}, {kRole, roleKey(role)}}, QStringLiteral("set"), detail);
    }
    if (level.place == QLatin1String("uf")) {
        static const QRegularExpression uf(QStringLiteral("^[A-Z]{2}$"));
        if (!uf.match(wantedPlace).hasMatch())
            return Error{QStringLiteral("invalid_uf"),
                         QCoreApplication::translate(
                             "ProfileService", "“%1” is not a state. Choose the state (UF) from the list.")
                             .arg(wantedPlace)};
        QList<QPair<QString, QString>> values{{kUf, wantedPlace}, {kRole, roleKey(role)}};
        if (role == Role::Municipality) { // the apoiador: who reports, made here once
            const QString id = apoiadorIdFor(installationId());
            if (id.isEmpty())
                return Error{QStringLiteral("no_installation_id"),
                             QCoreApplication::translate(
                                 "ProfileService", "This profile has no installation id yet. Close Mobiliza "
                                                   "and open it again.")};
            values << qMakePair(kApoiador, id);
        }
        return writeAll(values, QStringLiteral("set"), detail);
    }
    return write(kRole, roleKey(role), QStringLiteral("set"), detail);
}

Status ProfileService::setMunicipality(const QString &ibge)
{
    static const QRegularExpression sevenDigits(QStringLiteral("^\\d{7}$"));
    if (!sevenDigits.match(ibge).hasMatch())
        return Error{QStringLiteral("invalid_municipality"),
                     QCoreApplication::translate("ProfileService",
                                                 "\"%1\" is not a municipality code. Choose the "
                                                 "municipality from the list.")
                         .arg(ibge)};
    if (const ProgramLevel reporting = ProgramDefinition::embeddedById(program()).level(Role::Municipality);
        reporting.place != QLatin1String("municipality"))
        return Error{QStringLiteral("role_locked"),
                     QCoreApplication::translate(
                         "ProfileService", "This profile records “%1”, whose reports are made by %2, not by "
                                           "a municipality. Use a separate data folder (--data-dir).")
                         .arg(ProgramDefinition::embeddedNameOf(program()), reporting.label)};
    if (const auto stored = roleFromKey(setting(kRole)); stored && *stored != Role::Municipality)
        return Error{QStringLiteral("role_locked"),
                     QCoreApplication::translate(
                         "ProfileService", "This profile is set up as %1: it does not record a "
                                           "municipality's reports. Use a separate data folder (--data-dir).")
                         .arg(roleLabel(*stored))};
    const QString current = municipality();
    if (current == ibge)
        return {};
    if (!current.isEmpty())
        return Error{QStringLiteral("municipality_locked"),
                     QCoreApplication::translate(
                         "ProfileService",
                         "This profile already belongs to the municipality %1 and cannot be moved to "
                         "%2. To record another municipality's data, create a separate profile.")
                         .arg(current, ibge)};
    return write(kMunicipality, ibge, QStringLiteral("set"), QJsonObject{{QStringLiteral("ibge"), ibge}});
}

Status ProfileService::setUserName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed == userName())
        return {};
    Status done = write(kUserName, trimmed, QStringLiteral("set"), {});
    if (done)
        m_audit.setActor(Actor{installationId(), trimmed});
    return done;
}

Status ProfileService::setDemo(bool demo)
{
    if (demo == isDemo())
        return {};
    return write(kDemo, demo ? QStringLiteral("1") : QStringLiteral("0"), QStringLiteral("set"),
                 QJsonObject{{QStringLiteral("value"), demo}});
}

Status ProfileService::setSetting(const QString &key, const QString &value)
{
    if (key.trimmed().isEmpty() || isReservedKey(key))
        return Error{
            QStringLiteral("reserved_setting"),
            QCoreApplication::translate("ProfileService", "The setting \"%1\" cannot be changed here.")
                .arg(key)};
    if (setting(key) == value && !setting(key).isNull())
        return {};
    // The value is not copied into the audit trail: a setting may hold an address or a secret.
    return write(key, value, QStringLiteral("set"), {});
}

} // namespace mobiliza::core
