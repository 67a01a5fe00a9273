// HubStore: partners (upsert by the newest change, LGPD erasure).
#include "sync/hub/hub_store.h"

#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::Status;
using core::textArg;
using namespace store_detail;

Result<std::optional<PartnerRecord>> HubStore::partner(const QString &uuid) const
{
    auto q = runSql(
        db(),
        QStringLiteral("SELECT uuid, municipality, json, updated_at, deleted FROM partners WHERE uuid = ?"),
        {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<PartnerRecord>();
    const QSqlQuery &r = q.value();
    return std::optional<PartnerRecord>(PartnerRecord{r.value(0).toString(), r.value(1).toString(),
                                                      r.value(2).toString().toUtf8(),
                                                      parseStoreTime(r.value(3)), r.value(4).toInt() != 0});
}

Result<PartnerRecord> HubStore::upsertPartner(const PartnerRecord &incoming, const QDateTime &now,
                                              bool *applied)
{
    *applied = false;
    return inTransaction([&]() -> Result<PartnerRecord> {
        auto stored = partner(incoming.uuid);
        if (!stored)
            return stored.error();
        if (stored.value()) {
            const PartnerRecord &old = *stored.value();
            // The owning municipality is fixed at the first write (or erasure): never re-assigned.
            if (old.municipality != incoming.municipality)
                return Error{QStringLiteral("partner_mismatch"),
                             QCoreApplication::translate("HubStore", "The partner belongs to another "
                                                                     "municipality; it was not changed.")};
            if (old.deleted || incoming.updatedAt <= old.updatedAt)
                return old;
            auto updated =
                execSql(db(),
                        QStringLiteral("UPDATE partners SET json = ?, updated_at = ?, received_at = ? "
                                       "WHERE uuid = ?"),
                        {QString::fromUtf8(incoming.json), storeTime(incoming.updatedAt), storeTime(now),
                         incoming.uuid});
            if (!updated)
                return updated.error();
        } else {
            auto inserted =
                execSql(db(),
                        QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, "
                                       "deleted, received_at) VALUES (?, ?, ?, ?, 0, ?)"),
                        {incoming.uuid, incoming.municipality, QString::fromUtf8(incoming.json),
                         storeTime(incoming.updatedAt), storeTime(now)});
            if (!inserted)
                return inserted.error();
        }
        *applied = true;
        PartnerRecord r = incoming;
        r.updatedAt = parseStoreTime(storeTime(incoming.updatedAt));
        return r;
    });
}

Status HubStore::erasePartner(const QString &uuid, const QString &municipality, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto stored = partner(uuid);
        if (!stored)
            return stored.error();
        if (stored.value()) {
            const QDateTime when = qMax(now, stored.value()->updatedAt);
            auto done =
                execSql(db(),
                        QStringLiteral("UPDATE partners SET json = '{}', deleted = 1, updated_at = ?, "
                                       "received_at = ? WHERE uuid = ?"),
                        {storeTime(when), storeTime(now), uuid});
            if (!done)
                return done.error();
        } else if (!municipality.isEmpty()) {
            auto done =
                execSql(db(),
                        QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, deleted, "
                                       "received_at) VALUES (?, ?, '{}', ?, 1, ?)"),
                        {uuid, municipality, storeTime(now), storeTime(now)});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace mobiliza::hub
