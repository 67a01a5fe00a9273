#include "core/services/audit.h"

#include "core/domain/clock.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QJsonDocument>

namespace mobiliza::core {

QString storeTimestamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseStoreTimestamp(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : t;
}

AuditTrail::AuditTrail(Database &database, const Clock &clock, Actor actor)
    : m_database(database), m_clock(clock), m_actor(std::move(actor))
{
}

Status AuditTrail::record(const QString &entity, const QString &entityUuid, const QString &action,
                          const QJsonObject &detail) const
{
    auto inserted =
        execSql(m_database.db(),
                QStringLiteral("INSERT INTO audit_log (at, installation_id, user_name, entity, entity_uuid, "
                               "action, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {storeTimestamp(m_clock.now()), textArg(m_actor.installationId), textArg(m_actor.userName),
                 entity, textArg(entityUuid), action,
                 QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))});
    if (!inserted)
        return inserted.error();
    return {};
}

QList<AuditEntry> AuditTrail::entries(const QString &entity, const QString &entityUuid) const
{
    QList<AuditEntry> list;
    QString sql = QStringLiteral("SELECT id, at, installation_id, user_name, entity, entity_uuid, action, "
                                 "detail_json FROM audit_log WHERE 1 = 1");
    QVariantList args;
    if (!entity.isEmpty()) {
        sql += QStringLiteral(" AND entity = ?");
        args << entity;
    }
    if (!entityUuid.isEmpty()) {
        sql += QStringLiteral(" AND entity_uuid = ?");
        args << entityUuid;
    }
    auto query = runSql(m_database.db(), sql + QStringLiteral(" ORDER BY id"), args);
    if (!query)
        return list;
    auto &q = query.value();
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = parseStoreTimestamp(q.value(1).toString());
        e.installationId = q.value(2).toString();
        e.userName = q.value(3).toString();
        e.entity = q.value(4).toString();
        e.entityUuid = q.value(5).toString();
        e.action = q.value(6).toString();
        e.detail = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
        list << e;
    }
    return list;
}

} // namespace mobiliza::core
