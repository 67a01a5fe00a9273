// ReportService: the actions of a report (add, update, remove, move, partners).
#include "core/services/report_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/report_service_p.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QJsonArray>

namespace mobiliza::core {

namespace errors = service_errors;
using namespace report_detail;

namespace {

// Keys whose value differs between two objects (for the audit: names, not values).
QJsonArray changedKeys(const QJsonObject &before, const QJsonObject &after)
{
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    keys.sort();
    QJsonArray changed;
    for (const QString &key : keys)
        if (before.value(key) != after.value(key))
            changed.append(key);
    return changed;
}

} // namespace

Result<Action> ReportService::addAction(const QString &reportUuid, const QJsonObject &values)
{
    const QSqlDatabase db = m_database.db();
    Result<Action> added = inTransaction(db, [&]() -> Result<Action> {
        if (Status s = requireEditable(reportUuid); !s)
            return s.error();
        auto count = countIn(Siblings::ActionsOfReport, reportUuid);
        if (!count)
            return count.error();
        Action action;
        action.uuid = newUuid();
        action.reportUuid = reportUuid;
        action.position = count.value();
        action.values = values;
        const QString now = storeTimestamp(m_clock.now());
        auto inserted =
            execSql(db,
                    QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {action.uuid, reportUuid, action.position, toJson(values), now, now});
        if (!inserted)
            return inserted.error();
        if (Status s = touch(reportUuid); !s)
            return s.error();
        if (Status s = m_audit.record(QStringLiteral("action"), action.uuid, QStringLiteral("create"),
                                      QJsonObject{{QStringLiteral("report"), reportUuid},
                                                  {QStringLiteral("position"), action.position}});
            !s)
            return s.error();
        return action;
    });
    notify(added ? Status() : Status(added.error()), reportUuid);
    return added;
}

Status ReportService::updateAction(const QString &actionUuid, const QJsonObject &values)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = editExistingRow(
        db, m_audit, &reportUuid, [&] { return editableOwner(actionOwner(actionUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            auto before =
                scalarSql(db, QStringLiteral("SELECT values_json FROM actions WHERE uuid = ?"), {actionUuid});
            if (!before)
                return before.error();
            auto updated = execSql(
                db, QStringLiteral("UPDATE actions SET values_json = ?, updated_at = ? WHERE uuid = ?"),
                {toJson(values), storeTimestamp(m_clock.now()), actionUuid});
            if (!updated)
                return updated.error();
            return AuditRow{QStringLiteral("action"), actionUuid, QStringLiteral("update"),
                            QJsonObject{{QStringLiteral("report"), owner.reportUuid},
                                        {QStringLiteral("fields"),
                                         changedKeys(fromJson(before.value().toString()), values)}}};
        });
    notify(done, reportUuid);
    return done;
}

Status ReportService::removeAction(const QString &actionUuid)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = editExistingRow(
        db, m_audit, &reportUuid, [&] { return editableOwner(actionOwner(actionUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            if (auto d = execSql(db, QStringLiteral("DELETE FROM actions WHERE uuid = ?"), {actionUuid}); !d)
                return d.error();
            if (Status s = closeGap(Siblings::ActionsOfReport, owner.reportUuid, owner.position); !s)
                return s.error();
            return AuditRow{QStringLiteral("action"), actionUuid, QStringLiteral("remove"),
                            QJsonObject{{QStringLiteral("report"), owner.reportUuid},
                                        {QStringLiteral("position"), owner.position}}};
        });
    notify(done, reportUuid);
    return done;
}

Status ReportService::moveAction(const QString &actionUuid, int newPosition)
{
    QString reportUuid;
    bool moved = false;
    Status done = editExistingRow(
        m_database.db(), m_audit, &reportUuid, [&] { return editableOwner(actionOwner(actionUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            const int old = owner.position;
            auto shifted =
                moveWithin(Siblings::ActionsOfReport, owner.reportUuid, actionUuid, old, newPosition);
            if (!shifted)
                return shifted.error();
            if (!shifted.value())
                return AuditRow::unchanged();
            moved = true;
            return AuditRow{QStringLiteral("action"), actionUuid, QStringLiteral("move"),
                            QJsonObject{{QStringLiteral("report"), owner.reportUuid},
                                        {QStringLiteral("from"), old},
                                        {QStringLiteral("to"), newPosition}}};
        });
    notify(moved ? done : Status(Error{}), reportUuid);
    return done;
}

Status ReportService::setActionPartners(const QString &actionUuid, const QStringList &partnerUuids)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    QStringList unique = partnerUuids;
    unique.removeDuplicates();
    Status done = editExistingRow(
        db, m_audit, &reportUuid, [&] { return editableOwner(actionOwner(actionUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            if (auto d = execSql(db, QStringLiteral("DELETE FROM action_partners WHERE action_uuid = ?"),
                                 {actionUuid});
                !d)
                return d.error();
            for (const QString &partner : unique) {
                auto exists =
                    scalarSql(db, QStringLiteral("SELECT 1 FROM partners WHERE uuid = ?"), {partner});
                if (!exists)
                    return exists.error();
                if (!exists.value().isValid())
                    return errors::partnerNotFound();
                if (auto i =
                        execSql(db,
                                QStringLiteral(
                                    "INSERT INTO action_partners (action_uuid, partner_uuid) VALUES (?, ?)"),
                                {actionUuid, partner});
                    !i)
                    return i.error();
            }
            return AuditRow{QStringLiteral("action"), actionUuid, QStringLiteral("set_partners"),
                            QJsonObject{{QStringLiteral("report"), owner.reportUuid},
                                        {QStringLiteral("partners"), QJsonArray::fromStringList(unique)}}};
        });
    notify(done, reportUuid);
    return done;
}

} // namespace mobiliza::core
