// HubStore: batches to the central level (docs/protocol.md §10.5) — a batch, its
// revisions becoming `forwarded` and their status events in one transaction.
#include "sync/hub/hub_store.h"

#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <QSqlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::textArg;
using namespace store_detail;

namespace {

const QString kBatchColumns = QStringLiteral("uuid, urs, period, created_at, created_by, hub_id, received_at, state, "
                                             "installation, token_id, via, body_sha256");

BatchRecord readBatch(const QSqlQuery &q)
{
    BatchRecord r;
    r.batch.uuid = q.value(0).toString();
    r.batch.urs = q.value(1).toString();
    r.batch.period = q.value(2).toString();
    r.batch.createdAt = parseStoreTime(q.value(3));
    r.batch.createdBy = q.value(4).toString();
    r.hubId = q.value(5).toString();
    r.receivedAt = parseStoreTime(q.value(6));
    r.state = q.value(7).toString();
    r.installation = q.value(8).toString();
    r.tokenId = q.value(9).toString();
    r.via = q.value(10).toString();
    r.bodySha256 = q.value(11).toString();
    return r;
}

QString batchHubId(qint64 id)
{
    return QStringLiteral("b-%1").arg(id, 6, 10, QLatin1Char('0'));
}

Error batchRefused()
{
    // Never shown: the hub answers 409 batch_refused with the revisions as they are now.
    return Error{QStringLiteral("batch_refused"), QStringLiteral("batch_refused")};
}

// The revisions of the batches in `records`, in their order.
Result<bool> readBatchRevisions(const QSqlDatabase &db, QList<BatchRecord> *records)
{
    for (BatchRecord &r : *records) {
        auto q = runSql(db,
                        QStringLiteral("SELECT report, revision, manifest_sha256 FROM batch_revisions "
                                       "WHERE batch = ? ORDER BY position"),
                        {r.batch.uuid});
        if (!q)
            return q.error();
        while (q.value().next())
            r.batch.revisions << sync::BatchRevision{q.value().value(0).toString(), q.value().value(1).toInt(),
                                                     q.value().value(2).toString()};
    }
    return true;
}

} // namespace

Result<std::optional<BatchRecord>> HubStore::batch(const QString &uuid) const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kBatchColumns + QStringLiteral(" FROM batches WHERE uuid = ?"),
                    {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<BatchRecord>();
    QList<BatchRecord> found{readBatch(q.value())};
    q.value().finish();
    if (auto read = readBatchRevisions(db(), &found); !read)
        return read.error();
    return std::optional<BatchRecord>(found.constFirst());
}

Result<QList<BatchRecord>> HubStore::batches() const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kBatchColumns + QStringLiteral(" FROM batches ORDER BY id"));
    if (!q)
        return q.error();
    QList<BatchRecord> out;
    while (q.value().next())
        out << readBatch(q.value());
    q.value().finish();
    if (auto read = readBatchRevisions(db(), &out); !read)
        return read.error();
    return out;
}

Result<BatchRecord> HubStore::insertBatch(const BatchRecord &record, const QHash<QString, ReportRecord> &reports,
                                          const QDateTime &now, bool *existing)
{
    *existing = false;
    const sync::Batch &b = record.batch;
    return inTransaction([&]() -> Result<BatchRecord> {
        const QSqlDatabase d = db();
        if (auto found = batch(b.uuid); !found) {
            return found.error();
        } else if (found.value()) {
            *existing = true;
            return *found.value();
        }
        for (const sync::BatchRevision &r : b.revisions) {
            // Only from the states a batch leaves from, checked by the UPDATE itself: a
            // decision or another batch that came first makes the whole batch refused.
            auto updated = m_statements.exec(
                d,
                QStringLiteral("UPDATE revisions SET state = 'forwarded' WHERE report = ? AND "
                               "revision = ? AND manifest_sha256 = ? AND (state = 'accepted' OR "
                               "(state = 'received' AND via = 'import'))"),
                {r.report, r.revision, r.manifestSha256});
            if (!updated)
                return updated.error();
            if (updated.value() != 1 || !reports.contains(r.report))
                return batchRefused();
        }
        // Cursors must become visible in their order: on PostgreSQL, event writers take turns
        // (after the revisions' rows, in the order a review takes them).
        if (m_postgres)
            if (auto locked =
                    m_statements.exec(d, QStringLiteral("LOCK TABLE status_events IN EXCLUSIVE MODE"));
                !locked)
                return locked.error();
        for (const sync::BatchRevision &r : b.revisions) {
            const ReportRecord &report = reports[r.report];
            if (auto event = m_statements.exec(
                    d,
                    QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                                   "municipality, urs, period, reviewer, installation) "
                                   "VALUES (?, ?, 'forwarded', '', ?, ?, ?, ?, ?, ?)"),
                    {r.report, r.revision, storeTime(now), report.municipality, textArg(b.urs), report.period,
                     textArg(b.createdBy), textArg(record.installation)});
                !event)
                return event.error();
        }
        auto inserted = runSql(d,
                               QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                                              "received_at, state, installation, token_id, via, body_sha256) "
                                              "VALUES (?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?) RETURNING id"),
                               {b.uuid, b.urs, b.period, storeTime(b.createdAt), textArg(b.createdBy),
                                storeTime(now), textArg(record.installation), textArg(record.tokenId),
                                textArg(record.via), record.bodySha256});
        if (!inserted)
            return inserted.error();
        if (!inserted.value().next())
            return core::storeError(inserted.value().lastError());
        const qint64 id = inserted.value().value(0).toLongLong();
        inserted.value().finish();
        BatchRecord out = record;
        out.hubId = batchHubId(id);
        out.receivedAt = parseStoreTime(storeTime(now));
        out.state = sync::batch_state::Received;
        if (auto named = m_statements.exec(d, QStringLiteral("UPDATE batches SET hub_id = ? WHERE id = ?"),
                                           {out.hubId, id});
            !named)
            return named.error();
        int position = 0;
        for (const sync::BatchRevision &r : b.revisions)
            if (auto row = m_statements.exec(
                    d,
                    QStringLiteral("INSERT INTO batch_revisions (batch, position, report, revision, "
                                   "manifest_sha256) VALUES (?, ?, ?, ?, ?)"),
                    {b.uuid, position++, r.report, r.revision, r.manifestSha256});
                !row)
                return row.error();
        return out;
    });
}

} // namespace mobiliza::hub
