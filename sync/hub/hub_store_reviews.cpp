// HubStore: review decisions (docs/protocol.md §10.3) — a decision, the revision's
// new state and its status event in one transaction, and the decisions as stored.
#include "sync/hub/hub_store.h"

#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"
#include "sync/protocol_review.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::textArg;
using namespace store_detail;

namespace {

const QString kDecisionColumns =
    QStringLiteral("uuid, report, revision, manifest_sha256, decision, comment, notes, reviewer, installation, "
                   "token_id, decided_at, received_at, state, event, body_sha256");

DecisionRecord readDecision(const QSqlQuery &q)
{
    DecisionRecord r;
    sync::ReviewDecision &d = r.decision;
    d.uuid = q.value(0).toString();
    d.report = q.value(1).toString();
    d.revision = q.value(2).toInt();
    d.manifestSha256 = q.value(3).toString();
    d.decision = q.value(4).toString();
    d.comment = q.value(5).toString();
    const QByteArray notes = q.value(6).toByteArray();
    if (!notes.isEmpty())
        sync::notesFromJson(QJsonDocument::fromJson(notes).array(), &d.notes); // written by this hub: valid
    d.reviewer = q.value(7).toString();
    r.installation = q.value(8).toString();
    r.tokenId = q.value(9).toString();
    d.decidedAt = parseStoreTime(q.value(10));
    r.receivedAt = parseStoreTime(q.value(11));
    r.state = q.value(12).toString();
    r.event = q.value(13).toLongLong();
    r.bodySha256 = q.value(14).toString();
    return r;
}

QString notesText(const QList<sync::ReviewNote> &notes)
{
    if (notes.isEmpty())
        return QString(QLatin1String(""));
    return QString::fromUtf8(QJsonDocument(sync::notesToJson(notes)).toJson(QJsonDocument::Compact));
}

Error stateChanged()
{
    // Never shown: the hub answers 409 state_changed with the revision's current state.
    return Error{QStringLiteral("state_changed"), QStringLiteral("state_changed")};
}

} // namespace

Result<std::optional<DecisionRecord>> HubStore::decision(const QString &uuid) const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kDecisionColumns +
                              QStringLiteral(" FROM review_decisions WHERE uuid = ?"),
                    {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<DecisionRecord>();
    return std::optional<DecisionRecord>(readDecision(q.value()));
}

Result<std::optional<DecisionRecord>> HubStore::lastDecision(const QString &reportUuid, int revision) const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kDecisionColumns +
                              QStringLiteral(" FROM review_decisions WHERE report = ? AND revision = ? "
                                             "ORDER BY event DESC LIMIT 1"),
                    {reportUuid, revision});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<DecisionRecord>();
    return std::optional<DecisionRecord>(readDecision(q.value()));
}

Result<DecisionRecord> HubStore::applyDecision(const DecisionRecord &record, const QStringList &fromStates,
                                               const QString &toState, const ReportRecord &report,
                                               const QString &urs, const QDateTime &now, bool *existing)
{
    *existing = false;
    const sync::ReviewDecision &d = record.decision;
    return inTransaction([&]() -> Result<DecisionRecord> {
        const QSqlDatabase database = db();
        // A re-send (or the same decision on another connection that committed first).
        const auto stored = [&]() -> Result<std::optional<DecisionRecord>> { return decision(d.uuid); };
        if (auto found = stored(); !found) {
            return found.error();
        } else if (found.value()) {
            *existing = true;
            return *found.value();
        }
        // The state changes only from the expected one, on the latest revision with that
        // manifest: checked by the UPDATE itself, so two reviewers cannot both win (the
        // second waits for the first's row lock on PostgreSQL, then matches nothing).
        const bool decides = d.decision != sync::review_decision::Start;
        QString sql = QStringLiteral("UPDATE revisions SET state = ?, reviewer = ?");
        QVariantList args{toState, textArg(d.reviewer)};
        if (decides) {
            sql += QStringLiteral(", comment = ?, reviewed_at = ?");
            args << textArg(d.comment) << storeTime(now);
        }
        QStringList marks;
        for (qsizetype i = 0; i < fromStates.size(); ++i)
            marks << QStringLiteral("?");
        sql += QStringLiteral(" WHERE report = ? AND revision = ? AND manifest_sha256 = ? AND state IN (") +
               marks.join(QStringLiteral(", ")) +
               QStringLiteral(") AND NOT EXISTS (SELECT 1 FROM revisions n WHERE n.report = ? AND n.revision > ?)");
        args << d.report << d.revision << d.manifestSha256;
        for (const QString &s : fromStates)
            args << s;
        args << d.report << d.revision;
        auto updated = execSql(database, sql, args);
        if (!updated)
            return updated.error();
        if (updated.value() != 1) {
            if (auto found = stored(); !found) {
                return found.error();
            } else if (found.value()) {
                *existing = true;
                return *found.value();
            }
            return stateChanged();
        }
        // Cursors must become visible in their order: on PostgreSQL, event writers take turns.
        if (m_postgres)
            if (auto locked = execSql(database, QStringLiteral("LOCK TABLE status_events IN EXCLUSIVE MODE"));
                !locked)
                return locked.error();
        const QString notes = notesText(d.notes);
        auto event = runSql(database,
                            QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                                           "municipality, urs, period, notes, reviewer, decision, installation) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING cursor"),
                            {d.report, d.revision, toState, textArg(d.comment), storeTime(now), report.municipality,
                             textArg(urs), report.period, notes, textArg(d.reviewer), d.uuid,
                             textArg(record.installation)});
        if (!event)
            return event.error();
        if (!event.value().next())
            return core::storeError(event.value().lastError());
        DecisionRecord out = record;
        out.event = event.value().value(0).toLongLong();
        event.value().finish();
        out.state = toState;
        out.receivedAt = parseStoreTime(storeTime(now));
        auto inserted = execSql(
            database,
            QStringLiteral("INSERT INTO review_decisions (") + kDecisionColumns +
                QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {d.uuid, d.report, d.revision, d.manifestSha256, d.decision, textArg(d.comment), notes,
             textArg(d.reviewer), textArg(record.installation), textArg(record.tokenId), storeTime(d.decidedAt),
             storeTime(now), toState, out.event, record.bodySha256});
        if (!inserted)
            return inserted.error();
        // The central level decided: a batch holding this revision is `consolidated` once
        // the central level has decided each of its revisions since the batch arrived
        // (consolidated or returned to the URS) — whatever a later batch did with one.
        if (sync::isCentralDecision(d.decision))
            if (auto settled = execSql(
                    database,
                    QStringLiteral("UPDATE batches SET state = 'consolidated' WHERE state = 'received' AND uuid IN "
                                   "(SELECT batch FROM batch_revisions WHERE report = ? AND revision = ?) "
                                   "AND NOT EXISTS (SELECT 1 FROM batch_revisions b WHERE b.batch = batches.uuid "
                                   "AND NOT EXISTS (SELECT 1 FROM review_decisions c WHERE c.report = b.report "
                                   "AND c.revision = b.revision AND c.decision IN ('consolidate', 'return_to_urs') "
                                   "AND c.received_at >= batches.received_at))"),
                    {d.report, d.revision});
                !settled)
                return settled.error();
        return out;
    });
}

} // namespace mobiliza::hub
