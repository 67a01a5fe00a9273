// The audit trail: one row per change made through the services — what, when,
// from which installation and by whom. Written inside the service's own
// transaction, so a change and its audit row commit (or roll back) together.
//
// Rule: `detail` carries ids, keys and field names only: never tokens,
// credentials or partners' personal data (names, documents, contacts).
#pragma once

#include "core/util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace mobiliza::core {

class Clock;
class Database;

struct Actor
{
    QString installationId;
    QString userName;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at; // UTC
    QString installationId;
    QString userName;
    QString entity;     // "report", "action", "photo", "partner", "profile", "setting"
    QString entityUuid; // or the setting key
    QString action;     // "create", "update", "remove", "move", "conclude", "erase", …
    QJsonObject detail;
};

class AuditTrail
{
public:
    AuditTrail(Database &database, const Clock &clock, Actor actor = {});

    const Actor &actor() const { return m_actor; }
    void setActor(Actor actor) { m_actor = std::move(actor); }

    // Call inside an open transaction.
    Status record(const QString &entity, const QString &entityUuid, const QString &action,
                  const QJsonObject &detail = {}) const;

    // Newest last. Empty filters match everything.
    QList<AuditEntry> entries(const QString &entity = {}, const QString &entityUuid = {}) const;

private:
    Database &m_database;
    const Clock &m_clock;
    Actor m_actor;
};

// UTC ISO 8601 with milliseconds: the one timestamp format of the store.
QString storeTimestamp(const QDateTime &t);
QDateTime parseStoreTimestamp(const QString &text);

} // namespace mobiliza::core
