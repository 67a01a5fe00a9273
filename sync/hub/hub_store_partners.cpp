// HubStore: partners (upsert by the newest change, LGPD erasure, and the cursor
// the regional level pulls them with, §10.6).
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

namespace {

const QString kPartnerColumns = QStringLiteral("uuid, municipality, json, updated_at, deleted, seq");

PartnerRecord readPartner(const QSqlQuery &r)
{
    return PartnerRecord{r.value(0).toString(), r.value(1).toString(), r.value(2).toString().toUtf8(),
                         parseStoreTime(r.value(3)), r.value(4).toInt() != 0, r.value(5).toLongLong()};
}

// The next cursor of the partners, inside the writer's transaction. Cursors must
// become visible in their order: on PostgreSQL partner writers take turns (SQLite's
// BEGIN IMMEDIATE already serializes them).
Result<qint64> nextPartnerSeq(const QSqlDatabase &d, bool postgres)
{
    if (postgres)
        if (auto locked = execSql(d, QStringLiteral("LOCK TABLE partners IN EXCLUSIVE MODE")); !locked)
            return locked.error();
    auto max = scalarSql(d, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM partners"));
    if (!max)
        return max.error();
    return max.value().toLongLong() + 1;
}

} // namespace

Result<std::optional<PartnerRecord>> HubStore::partner(const QString &uuid) const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kPartnerColumns + QStringLiteral(" FROM partners WHERE uuid = ?"),
                    {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<PartnerRecord>();
    return std::optional<PartnerRecord>(readPartner(q.value()));
}

Result<QList<PartnerRecord>> HubStore::partnersSince(qint64 since, int limit,
                                                     const std::optional<QStringList> &municipalities) const
{
    QString sql = QStringLiteral("SELECT ") + kPartnerColumns + QStringLiteral(" FROM partners WHERE seq > ?");
    QVariantList args{since};
    if (municipalities) {
        if (municipalities->isEmpty())
            return QList<PartnerRecord>();
        sql += andIn(QStringLiteral("municipality"), *municipalities, &args);
    }
    sql += QStringLiteral(" ORDER BY seq LIMIT ?");
    args << limit;
    auto q = runSql(db(), sql, args);
    if (!q)
        return q.error();
    QList<PartnerRecord> out;
    while (q.value().next())
        out << readPartner(q.value());
    return out;
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
        }
        auto seq = nextPartnerSeq(db(), m_postgres);
        if (!seq)
            return seq.error();
        if (stored.value()) {
            auto updated = m_statements.exec(
                db(),
                QStringLiteral("UPDATE partners SET json = ?, updated_at = ?, received_at = ?, seq = ? "
                               "WHERE uuid = ?"),
                {QString::fromUtf8(incoming.json), storeTime(incoming.updatedAt), storeTime(now), seq.value(),
                 incoming.uuid});
            if (!updated)
                return updated.error();
        } else {
            auto inserted = m_statements.exec(
                db(),
                QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, "
                               "deleted, received_at, seq) VALUES (?, ?, ?, ?, 0, ?, ?)"),
                {incoming.uuid, incoming.municipality, QString::fromUtf8(incoming.json),
                 storeTime(incoming.updatedAt), storeTime(now), seq.value()});
            if (!inserted)
                return inserted.error();
        }
        *applied = true;
        PartnerRecord r = incoming;
        r.updatedAt = parseStoreTime(storeTime(incoming.updatedAt));
        r.seq = seq.value();
        return r;
    });
}

Status HubStore::erasePartner(const QString &uuid, const QString &municipality, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto stored = partner(uuid);
        if (!stored)
            return stored.error();
        if ((!stored.value() && municipality.isEmpty()) || (stored.value() && stored.value()->deleted))
            return {}; // nothing to erase, or erased already
        // An erasure is a change the regional copies must learn (they forget the partner).
        auto seq = nextPartnerSeq(db(), m_postgres);
        if (!seq)
            return seq.error();
        if (stored.value()) {
            const QDateTime when = qMax(now, stored.value()->updatedAt);
            auto done = m_statements.exec(
                db(),
                QStringLiteral("UPDATE partners SET json = '{}', deleted = 1, updated_at = ?, "
                               "received_at = ?, seq = ? WHERE uuid = ?"),
                {storeTime(when), storeTime(now), seq.value(), uuid});
            if (!done)
                return done.error();
        } else {
            auto done = m_statements.exec(
                db(),
                QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, deleted, "
                               "received_at, seq) VALUES (?, ?, '{}', ?, 1, ?, ?)"),
                {uuid, municipality, storeTime(now), storeTime(now), seq.value()});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace mobiliza::hub
