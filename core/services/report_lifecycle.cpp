// ReportService: the lifecycle part (conclude, events, revisions, manifest).
#include "core/services/report_service.h"
#include "core/program/program_registry.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace mobiliza::core {

namespace errors = service_errors;

namespace {
const QString kManifestSchema = QStringLiteral("mobiliza.report-revision/1");

QString outboxStateFor(ReportEvent event)
{
    switch (event) {
    case ReportEvent::StartSending:
        return QStringLiteral("sending");
    case ReportEvent::SendFailed:
        return QStringLiteral("queued");
    case ReportEvent::HubReceived:
        return QStringLiteral("received");
    default:
        return {};
    }
}
} // namespace

QByteArray ReportService::manifest(const Report &report, const QDateTime &concludedAt)
{
    QJsonArray actions;
    int photoNumber = 0;
    for (const Action &action : report.actions) {
        QJsonArray photos;
        for (const Photo &p : action.photos) {
            photos.append(QJsonObject{
                {QStringLiteral("uuid"), p.uuid},
                {QStringLiteral("number"), ++photoNumber},
                {QStringLiteral("sha256"), p.sha256},
                {QStringLiteral("caption"), p.caption},
                {QStringLiteral("takenOn"),
                 p.takenOn.isValid() ? p.takenOn.toString(Qt::ISODate) : QString()},
                {QStringLiteral("author"), p.author},
                {QStringLiteral("identifiablePeople"), p.identifiablePeople},
                {QStringLiteral("authorizationOnFile"), p.authorizationOnFile},
                {QStringLiteral("width"), p.width},
                {QStringLiteral("height"), p.height},
                {QStringLiteral("bytes"), double(p.bytes)},
            });
        }
        QStringList partners = action.partnerUuids;
        partners.sort();
        actions.append(QJsonObject{
            {QStringLiteral("uuid"), action.uuid},
            {QStringLiteral("number"), action.position + 1},
            {QStringLiteral("values"), action.values},
            {QStringLiteral("partners"), QJsonArray::fromStringList(partners)},
            {QStringLiteral("photos"), photos},
        });
    }
    const QJsonObject root{
        {QStringLiteral("schema"), kManifestSchema},
        {QStringLiteral("report"), report.uuid},
        {QStringLiteral("program"), report.programId},
        {QStringLiteral("municipality"), report.municipality},
        {QStringLiteral("period"), report.period.key()},
        {QStringLiteral("revision"), report.revision},
        {QStringLiteral("noActions"), report.noActions},
        {QStringLiteral("noActionsJustification"), report.noActionsJustification},
        {QStringLiteral("concludedAt"), storeTimestamp(concludedAt)},
        {QStringLiteral("actions"), actions},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

Status ReportService::conclude(const QString &reportUuid)
{
    const QSqlDatabase db = m_database.db();
    Status done = inTransaction(db, [&]() -> Status {
        // Validate what is stored, under the write lock: nothing changes in between.
        auto loaded = load(reportUuid);
        if (!loaded)
            return loaded.error();
        Report &report = loaded.value();
        const TransitionResult transition = ReportStateMachine::apply(report.state, ReportEvent::Conclude);
        if (!transition.ok)
            return errors::invalidTransition(transition.error);
        const auto engine = m_programs.engine(report.programId);
        if (!engine)
            return Error{QStringLiteral("unknown_program"),
                         QCoreApplication::translate("ReportService",
                                                     "This report belongs to the program “%1”, which this "
                                                     "version of Mobiliza does not know, so it cannot be "
                                                     "checked and concluded. Update Mobiliza, then conclude "
                                                     "again.")
                             .arg(report.programId)};
        const Findings findings = engine->validate(report);
        const auto blocking =
            std::count_if(findings.begin(), findings.end(), [](const Finding &f) { return f.isBlocking(); });
        if (blocking > 0)
            return Error{QStringLiteral("validation_failed"),
                         QCoreApplication::translate("ReportService",
                                                     "The report cannot be concluded yet. Fix the "
                                                     "problems shown in the list (blocking: %1), "
                                                     "then conclude again.")
                             .arg(blocking)};
        int number = 0;
        for (const Action &action : report.actions) {
            for (const Photo &photo : action.photos) {
                ++number;
                if (!m_blobs.has(photo.sha256))
                    return Error{QStringLiteral("missing_blob"),
                                 QCoreApplication::translate("ReportService",
                                                             "The file of photo %1 is missing from the "
                                                             "data folder. Remove the photo and add it "
                                                             "again, then conclude.")
                                     .arg(number)};
            }
        }

        const QDateTime now = m_clock.now();
        const QString nowText = storeTimestamp(now);
        const QByteArray snapshot = manifest(report, now);
        const QString sha = BlobStore::sha256Hex(snapshot);
        const QString revisionUuid = newUuid();

        if (auto u =
                execSql(db, QStringLiteral("UPDATE reports SET state = ?, updated_at = ? WHERE uuid = ?"),
                        {reportStateKey(transition.to), nowText, reportUuid});
            !u)
            return u.error();
        if (auto i = execSql(
                db,
                QStringLiteral("INSERT INTO report_revisions (uuid, report_uuid, revision, "
                               "snapshot_json, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                {revisionUuid, reportUuid, report.revision, QString::fromUtf8(snapshot), sha, nowText});
            !i)
            return i.error();
        if (auto i = execSql(db,
                             QStringLiteral("INSERT INTO outbox (uuid, revision_uuid, state, attempts, "
                                            "next_attempt_at, created_at, updated_at) "
                                            "VALUES (?, ?, 'queued', 0, ?, ?, ?)"),
                             {newUuid(), revisionUuid, nowText, nowText, nowText});
            !i)
            return i.error();
        return m_audit.record(QStringLiteral("report"), reportUuid, QStringLiteral("conclude"),
                              QJsonObject{{QStringLiteral("revision"), report.revision},
                                          {QStringLiteral("revisionUuid"), revisionUuid},
                                          {QStringLiteral("sha256"), sha},
                                          {QStringLiteral("from"), reportStateKey(report.state)},
                                          {QStringLiteral("to"), reportStateKey(transition.to)}});
    });
    notify(done, reportUuid);
    return done;
}

Status ReportService::applyEvent(const QString &reportUuid, ReportEvent event, const QString &comment)
{
    if (event == ReportEvent::Conclude)
        return Error{QStringLiteral("invalid_argument"),
                     QCoreApplication::translate("ReportService",
                                                 "A report is concluded with its validation. Use "
                                                 "\"Conclude\" in the report.")};
    const QSqlDatabase db = m_database.db();
    Status done = inTransaction(db, [&]() -> Status {
        auto row =
            runSql(db, QStringLiteral("SELECT state, revision, review_comment FROM reports WHERE uuid = ?"),
                   {reportUuid});
        if (!row)
            return row.error();
        if (!row.value().next())
            return errors::reportNotFound();
        ReportState from = ReportState::Draft;
        reportStateFromKey(row.value().value(0).toString(), &from);
        int revision = row.value().value(1).toInt();
        QString reviewComment = row.value().value(2).toString();
        row.value().finish();

        const TransitionResult transition = ReportStateMachine::apply(from, event);
        if (!transition.ok)
            return errors::invalidTransition(transition.error);

        auto revisionRow = runSql(db,
                                  QStringLiteral("SELECT v.uuid, o.state FROM report_revisions v "
                                                 "LEFT JOIN outbox o ON o.revision_uuid = v.uuid "
                                                 "WHERE v.report_uuid = ? AND v.revision = ?"),
                                  {reportUuid, revision});
        if (!revisionRow)
            return revisionRow.error();
        QString revisionUuid;
        QString outboxState;
        if (revisionRow.value().next()) {
            revisionUuid = revisionRow.value().value(0).toString();
            outboxState = revisionRow.value().value(1).toString();
        }
        revisionRow.value().finish();
        const QString now = storeTimestamp(m_clock.now());

        switch (event) {
        case ReportEvent::Withdraw:
            if (outboxState == QLatin1String("sending") || outboxState == QLatin1String("received"))
                return Error{QStringLiteral("withdraw_not_possible"),
                             QCoreApplication::translate("ReportService",
                                                         "The report is being sent and cannot be "
                                                         "withdrawn now. Wait until the sending ends "
                                                         "and try again.")};
            // The revision never left the machine: it is discarded, and
            // concluding again writes revision r anew (its outbox row cascades).
            if (!revisionUuid.isEmpty()) {
                if (auto d = execSql(db, QStringLiteral("DELETE FROM report_revisions WHERE uuid = ?"),
                                     {revisionUuid});
                    !d)
                    return d.error();
            }
            break;
        case ReportEvent::StartSending:
        case ReportEvent::SendFailed:
        case ReportEvent::HubReceived:
            if (!revisionUuid.isEmpty()) {
                const bool failed = event == ReportEvent::SendFailed;
                auto u = execSql(db,
                                 QStringLiteral("UPDATE outbox SET state = ?, attempts = attempts + ?, "
                                                "last_error = CASE WHEN ? THEN ? ELSE last_error END, "
                                                "updated_at = ? WHERE revision_uuid = ?"),
                                 {outboxStateFor(event), failed ? 1 : 0, failed ? 1 : 0, textArg(comment),
                                  now, revisionUuid});
                if (!u)
                    return u.error();
            }
            break;
        case ReportEvent::Return:
            reviewComment = comment;
            break;
        case ReportEvent::Reopen:
            ++revision; // the reviewer's comment stays visible while correcting
            break;
        default:
            break;
        }

        if (auto u =
                execSql(db,
                        QStringLiteral("UPDATE reports SET state = ?, revision = ?, review_comment = ?, "
                                       "updated_at = ? WHERE uuid = ?"),
                        {reportStateKey(transition.to), revision, textArg(reviewComment), now, reportUuid});
            !u)
            return u.error();
        return m_audit.record(QStringLiteral("report"), reportUuid, reportEventKey(event),
                              QJsonObject{{QStringLiteral("from"), reportStateKey(from)},
                                          {QStringLiteral("to"), reportStateKey(transition.to)},
                                          {QStringLiteral("revision"), revision},
                                          {QStringLiteral("withComment"), !comment.isEmpty()}});
    });
    notify(done, reportUuid);
    return done;
}

QList<RevisionRecord> ReportService::revisions(const QString &reportUuid) const
{
    QList<RevisionRecord> list;
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT v.uuid, v.report_uuid, v.revision, v.snapshot_json, v.sha256, "
                                   "v.created_at, o.state FROM report_revisions v "
                                   "LEFT JOIN outbox o ON o.revision_uuid = v.uuid "
                                   "WHERE v.report_uuid = ? ORDER BY v.revision"),
                    {reportUuid});
    if (!q)
        return list;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        list << RevisionRecord{r.value(0).toString(), r.value(1).toString(),
                               r.value(2).toInt(),    r.value(3).toString().toUtf8(),
                               r.value(4).toString(), parseStoreTimestamp(r.value(5).toString()),
                               r.value(6).toString()};
    }
    return list;
}

Result<RevisionRecord> ReportService::revision(const QString &reportUuid, int revision) const
{
    for (const RevisionRecord &r : revisions(reportUuid))
        if (r.revision == revision)
            return r;
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("ReportService", "Revision %1 of the report was not found.")
                     .arg(revision)};
}

} // namespace mobiliza::core
