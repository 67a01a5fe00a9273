#include "core/regional/report_history.h"

#include "core/services/audit.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"
#include "core/domain/clock.h"

#include <QSet>

namespace mobiliza::core {

ReportHistory::ReportHistory(Services &services) : m_services(services)
{
}

Result<QList<StaleHistory>> ReportHistory::stale() const
{
    auto q = runSql(m_services.database().db(),
                    QStringLiteral("SELECT r.report, MAX(r.cursor) AS listed, MAX(r.period) AS period "
                                   "FROM replica_revisions r LEFT JOIN replica_history_sync s ON s.report = r.report "
                                   "GROUP BY r.report "
                                   "HAVING listed > COALESCE(MAX(s.fetched_cursor), -1) "
                                   "   AND (MAX(r.period) = (SELECT MAX(period) FROM replica_revisions) "
                                   "        OR MAX(s.wanted_at) IS NOT NULL) "
                                   "ORDER BY period DESC, r.report"));
    if (!q)
        return q.error();
    QList<StaleHistory> out;
    while (q.value().next())
        out << StaleHistory{q.value().value(0).toString(), q.value().value(1).toLongLong()};
    return out;
}

namespace {

Status markFetched(const QSqlDatabase &db, const QString &report, qint64 listedCursor, const QString &now)
{
    auto done = execSql(db,
                        QStringLiteral("INSERT INTO replica_history_sync (report, fetched_cursor, fetched_at, wanted_at) "
                                       "VALUES (?, ?, ?, NULL) ON CONFLICT (report) DO UPDATE SET "
                                       "fetched_cursor = MAX(fetched_cursor, excluded.fetched_cursor), "
                                       "fetched_at = excluded.fetched_at, wanted_at = NULL"),
                        {report, listedCursor, now});
    if (!done)
        return done.error();
    return {};
}

} // namespace

Status ReportHistory::store(const QString &report, qint64 listedCursor, const QList<HistoryEntry> &events)
{
    return storeMany({ReportEvents{report, listedCursor, events}});
}

Status ReportHistory::storeMany(const QList<ReportEvents> &threads)
{
    const QSqlDatabase db = m_services.database().db();
    const QString now = storeTimestamp(m_services.clock().now());
    Status s = inTransaction(db, [&]() -> Status {
        for (const ReportEvents &t : threads) {
            if (auto gone = execSql(db, QStringLiteral("DELETE FROM replica_history WHERE report = ?"), {t.report}); !gone)
                return gone.error();
            for (const HistoryEntry &e : t.events) {
                auto put = execSql(db,
                                   QStringLiteral("INSERT OR REPLACE INTO replica_history (report, cursor, revision, "
                                                  "state, decision, comment, notes_json, by_name, installation, at) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                                   {t.report, e.cursor, std::max(1, e.revision), textArg(e.state), textArg(e.decision),
                                    textArg(e.comment), QString::fromUtf8(reviewNotesJson(e.notes)), textArg(e.by),
                                    textArg(e.installation), storeTimestamp(e.at)});
                if (!put)
                    return put.error();
            }
            if (Status marked = markFetched(db, t.report, t.listedCursor, now); !marked)
                return marked;
        }
        return Status{};
    });
    if (s)
        Q_EMIT m_services.notifier().replicaChanged();
    return s;
}

Status ReportHistory::markUnavailable(const QString &report, qint64 listedCursor)
{
    const QSqlDatabase db = m_services.database().db();
    return inTransaction(db, [&]() -> Status {
        return markFetched(db, report, listedCursor, storeTimestamp(m_services.clock().now()));
    });
}

Status ReportHistory::want(const QString &report)
{
    auto done = execSql(m_services.database().db(),
                        QStringLiteral("INSERT INTO replica_history_sync (report, wanted_at) VALUES (?, ?) "
                                       "ON CONFLICT (report) DO UPDATE SET wanted_at = excluded.wanted_at"),
                        {report, storeTimestamp(m_services.clock().now())});
    if (!done)
        return done.error();
    return {};
}

Result<HistoryThread> ReportHistory::thread(const QString &report) const
{
    const QSqlDatabase db = m_services.database().db();
    HistoryThread t;
    qint64 fetchedCursor = -1;
    {
        auto q = runSql(db, QStringLiteral("SELECT fetched_cursor, fetched_at FROM replica_history_sync WHERE report = ?"),
                        {report});
        if (!q)
            return q.error();
        if (q.value().next()) {
            fetchedCursor = q.value().value(0).toLongLong();
            t.fetchedAt = parseStoreTimestamp(q.value().value(1).toString());
        }
    }
    auto listed = scalarSql(db, QStringLiteral("SELECT MAX(cursor) FROM replica_revisions WHERE report = ?"), {report});
    if (!listed)
        return listed.error();
    t.stale = listed.value().isValid() && !listed.value().isNull() && listed.value().toLongLong() > fetchedCursor;

    auto q = runSql(db,
                    QStringLiteral("SELECT cursor, revision, state, decision, comment, notes_json, by_name, installation, at "
                                   "FROM replica_history WHERE report = ? ORDER BY cursor"),
                    {report});
    if (!q)
        return q.error();
    QSet<QString> decisionsShown;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        HistoryEntry e;
        e.cursor = r.value(0).toLongLong();
        e.revision = r.value(1).toInt();
        e.state = r.value(2).toString();
        e.decision = r.value(3).toString();
        e.comment = r.value(4).toString();
        e.notes = reviewNotesFromJson(r.value(5).toByteArray());
        e.by = r.value(6).toString();
        e.installation = r.value(7).toString();
        e.at = parseStoreTimestamp(r.value(8).toString());
        if (!e.decision.isEmpty())
            decisionsShown.insert(e.decision);
        t.entries << e;
    }
    t.fromHub = t.fetchedAt.isValid() && !t.entries.isEmpty();

    if (!t.fromHub) {
        // The listing's summary: each revision's reception, and its state now.
        t.entries.clear();
        auto revisions = runSql(db,
                                QStringLiteral("SELECT revision, state, comment, received_at, reviewed_at "
                                               "FROM replica_revisions WHERE report = ? ORDER BY revision"),
                                {report});
        if (!revisions)
            return revisions.error();
        while (revisions.value().next()) {
            const QSqlQuery &r = revisions.value();
            HistoryEntry received;
            received.revision = r.value(0).toInt();
            received.state = QStringLiteral("received");
            received.at = parseStoreTimestamp(r.value(3).toString());
            t.entries << received;
            const QString state = r.value(1).toString();
            if (state != QLatin1String("received")) {
                HistoryEntry now = received;
                now.state = state;
                now.comment = r.value(2).toString();
                now.at = parseStoreTimestamp(r.value(4).toString());
                t.entries << now;
            }
        }
    }

    // This installation's decisions the hub's history does not show (yet).
    auto mine = m_services.reviews().all();
    if (!mine)
        return mine.error();
    for (const ReviewDecisionRecord &d : mine.value()) {
        if (d.report != report || decisionsShown.contains(d.uuid))
            continue;
        HistoryEntry e;
        e.revision = d.revision;
        e.state = ReviewOutbox::stateAfter(d.decision);
        e.decision = d.uuid;
        e.comment = d.comment;
        e.notes = d.notes;
        e.by = d.reviewer;
        e.installation = m_services.profile().installationId();
        e.at = d.decidedAt;
        e.pending = d.state;
        e.refusal = d.state == QLatin1String("refused") ? d.lastError : QString();
        t.entries << e;
    }
    return t;
}

} // namespace mobiliza::core
