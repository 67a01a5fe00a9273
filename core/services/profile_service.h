// The profile: one municipality per data folder, the installation id, the
// user's name and generic key-value settings.
#pragma once

#include "core/domain/role.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QString>

namespace mobiliza::core {

class AuditTrail;
class Clock;
class Database;
class Notifier;

class ProfileService
{
public:
    ProfileService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit);

    // Creates the installation id and created_at on the first open, then sets
    // the audit trail's actor (installation id + user name).
    Status initialize();

    QString installationId() const;
    QDateTime createdAt() const;

    // What this installation is. A profile that chose a municipality before roles
    // existed is a municipality's; nullopt until the first run chose.
    std::optional<Role> role() const;
    // First time only, with its place as the program's level says (ProgramLevel::place):
    // the IBGE code for a municipality, the URS's canonical name for a URS, a UF for the
    // apoio program's levels (the caller checks them against the reference tables),
    // nothing for the central level. The same role and place again is fine;
    // anything else is an Error "role_locked". One transaction.
    Status setRole(Role role, const QString &place = {});
    QString urs() const; // the URS's canonical name (role Urs); empty otherwise

    // The program this profile records: a profile holds one (its id, e.g.
    // "apoio_cosems"). A profile set up before programs were chosen is SES-MG's.
    QString program() const;
    // First time only: before anything is set up, or the same program again. Another
    // program is an Error "program_locked" that names both and says to use a separate
    // data folder. The caller checks that the program exists. One transaction.
    Status setProgram(const QString &programId);
    // The state (UF, "BA") of a level set up by state (the apoio program's apoiador and
    // COSEMS coordination); empty otherwise.
    QString uf() const;
    // Who reports: the municipality's IBGE code, or the apoiador's id ("ap-" and the first
    // twelve hex digits of the installation id, made when the level is set up); empty
    // until set up, and for the levels that review.
    QString reportingUnit() const;

    QString municipality() const; // IBGE code; empty until chosen
    // First time only. Setting the same code again is fine; another code is an
    // Error "municipality_locked". The caller checks the code against the
    // reference table; here only the 7-digit format is enforced.
    Status setMunicipality(const QString &ibge);

    QString userName() const;
    Status setUserName(const QString &name);

    bool isDemo() const; // a demonstration profile (sample data)
    Status setDemo(bool demo);

    // Generic settings. Keys used by the fields above are reserved here.
    QString setting(const QString &key, const QString &fallback = {}) const;
    Status setSetting(const QString &key, const QString &value);
    static bool isReservedKey(const QString &key);

private:
    Status write(const QString &key, const QString &value, const QString &auditAction,
                 const QJsonObject &detail);
    Status writeAll(const QList<QPair<QString, QString>> &values, const QString &auditAction,
                    const QJsonObject &detail);

    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    AuditTrail &m_audit;
};

} // namespace mobiliza::core
