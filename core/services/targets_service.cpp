#include "core/services/targets_service.h"

#include "core/domain/clock.h"
#include "core/reference/reference_data.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/profile_service.h"
#include "core/services/settings_rows.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLoggingCategory>

namespace mobiliza::core {

namespace {

Q_LOGGING_CATEGORY(lcTargets, "mobiliza.targets")

} // namespace

TargetsService::TargetsService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                               ProfileService &profile)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit), m_profile(profile)
{
}

Targets TargetsService::current() const
{
    const QString stored = m_profile.setting(settingKey());
    if (stored.isEmpty())
        return {};
    auto parsed = Targets::fromJson(stored.toUtf8());
    if (!parsed) {
        qCWarning(lcTargets) << "stored targets unreadable, using none:" << parsed.error().message;
        return {};
    }
    return parsed.value();
}

bool TargetsService::pending() const
{
    return m_profile.setting(pendingKey()) == QLatin1String("1");
}

bool TargetsService::isExample() const
{
    return m_profile.setting(exampleKey()) == QLatin1String("1");
}

int TargetsService::publishedRevision() const
{
    return isExample() ? 0 : current().revision;
}

Status TargetsService::storeExample(const Targets &example)
{
    if (current().revision > 0 && !isExample())
        return {}; // real targets stay
    return store(example, false, QStringLiteral("example"), true);
}

Status TargetsService::store(const Targets &targets, bool pending, const QString &auditAction, bool example)
{
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        if (Status s =
                upsertSetting(m_database, exampleKey(), example ? QStringLiteral("1") : QStringLiteral("0"));
            !s)
            return s;
        if (Status s = upsertSetting(m_database, settingKey(), QString::fromUtf8(targets.toJson())); !s)
            return s;
        if (Status s =
                upsertSetting(m_database, pendingKey(), pending ? QStringLiteral("1") : QStringLiteral("0"));
            !s)
            return s;
        return m_audit.record(QStringLiteral("targets"), QString::number(targets.revision), auditAction,
                              QJsonObject{{QStringLiteral("revision"), targets.revision}});
    });
    if (done)
        Q_EMIT m_notifier.targetsChanged();
    return done;
}

Result<Targets> TargetsService::edit(Targets edited, const ReferenceData &reference)
{
    if (m_profile.role() != Role::Central)
        return Error{QStringLiteral("not_central"),
                     QCoreApplication::translate("TargetsService",
                                                 "Only the central level sets the targets. Your targets come "
                                                 "from the hub at each synchronization.")};
    if (Status known = edited.checkAgainst(reference); !known)
        return known.error();
    const Targets now = current();
    edited.revision = now.revision;
    edited.updated = now.updated;
    edited.updatedBy = now.updatedBy;
    if (edited == now && now.revision > 0 && !isExample())
        return now; // nothing changed: nothing written, nothing to publish
    edited.revision = publishedRevision() + 1;
    edited.updated = m_clock.now().toUTC();
    edited.updatedBy = m_profile.userName();
    if (Status s = store(edited, true, QStringLiteral("edit")); !s)
        return s.error();
    return edited;
}

Result<bool> TargetsService::adopt(const Targets &published)
{
    if (published.revision <= publishedRevision() || pending())
        return false;
    if (Status s = store(published, false, QStringLiteral("adopt")); !s)
        return s.error();
    return true;
}

Result<Targets> TargetsService::prepareToPublish(int hubRevision, bool refused)
{
    Targets t = current();
    // The same revision may be this edit, stored by the hub whose answer was lost: sent as
    // it is, the hub confirms it (200). Only a refusal (stale_targets) renumbers it.
    if (t.revision > hubRevision || (t.revision == hubRevision && !refused))
        return t;
    t.revision = hubRevision + 1;
    if (Status s = store(t, true, QStringLiteral("renumber")); !s)
        return s.error();
    return t;
}

Status TargetsService::published(int revision)
{
    Targets t = current();
    if (t.revision != revision || !pending())
        return {};
    return store(t, false, QStringLiteral("publish"));
}

} // namespace mobiliza::core
