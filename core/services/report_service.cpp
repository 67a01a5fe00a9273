// ReportService: reading reports, creating them, and the checks every change
// shares (who owns an action or photo, whether the report may be edited).
// Actions: report_actions.cpp; photos: report_photos.cpp; positions:
// report_positions.cpp; the lifecycle: report_lifecycle.cpp; undo and review
// comments: report_editing.cpp.
#include "core/services/report_service.h"
#include "core/services/reporting_unit_sql.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/report_service_p.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>

namespace mobiliza::core {

namespace errors = service_errors;
using namespace report_detail;

namespace {

// Reads are wrapped in a savepoint: outside a transaction it is a consistent
// read snapshot, inside one it nests harmlessly.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(const QSqlDatabase &db) : m_db(db)
    {
        execSql(m_db, QStringLiteral("SAVEPOINT read_snapshot"));
    }
    ~ReadSnapshot() { execSql(m_db, QStringLiteral("RELEASE read_snapshot")); }

private:
    const QSqlDatabase &m_db;
};

const QString kReportColumns =
    QStringLiteral("uuid, program_id, municipality, period, state, revision, no_actions, justification, "
                   "review_comment, created_at, updated_at");

Report reportFromRow(const QSqlQuery &q)
{
    Report r;
    r.uuid = q.value(0).toString();
    r.programId = q.value(1).toString();
    r.municipality = q.value(2).toString();
    r.period = Period::fromKey(q.value(3).toString());
    reportStateFromKey(q.value(4).toString(), &r.state);
    r.revision = q.value(5).toInt();
    r.noActions = q.value(6).toInt() != 0;
    r.noActionsJustification = q.value(7).toString();
    r.reviewComment = q.value(8).toString();
    r.createdAt = parseStoreTimestamp(q.value(9).toString());
    r.updatedAt = parseStoreTimestamp(q.value(10).toString());
    return r;
}

const QString kPhotoColumns = QStringLiteral(
    "p.uuid, p.action_uuid, p.sha256, p.position, p.caption, p.taken_on, p.author, p.identifiable, "
    "p.authorization, p.width, p.height, p.bytes");

Photo photoFromRow(const QSqlQuery &q)
{
    Photo p;
    p.uuid = q.value(0).toString();
    p.actionUuid = q.value(1).toString();
    p.sha256 = q.value(2).toString();
    p.position = q.value(3).toInt();
    p.caption = q.value(4).toString();
    p.takenOn = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    p.author = q.value(6).toString();
    p.identifiablePeople = q.value(7).toInt() != 0;
    p.authorizationOnFile = q.value(8).toInt() != 0;
    p.width = q.value(9).toInt();
    p.height = q.value(10).toInt();
    p.bytes = q.value(11).toLongLong();
    return p;
}

} // namespace

ReportService::ReportService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                             const BlobStore &blobs, const ProgramRegistry &programs)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit), m_blobs(blobs),
      m_programs(programs)
{
}

void ReportService::notify(const Status &status, const QString &reportUuid)
{
    if (status.ok() && !reportUuid.isEmpty())
        Q_EMIT m_notifier.reportChanged(reportUuid);
}

// ------------------------------------------------------------------ reading

Result<Report> ReportService::load(const QString &uuid) const
{
    const QSqlDatabase db = m_database.db();
    ReadSnapshot snapshot(db);

    auto row = runSql(
        db, QStringLiteral("SELECT ") + kReportColumns + QStringLiteral(" FROM reports WHERE uuid = ?"),
        {uuid});
    if (!row)
        return row.error();
    if (!row.value().next())
        return errors::reportNotFound();
    Report report = reportFromRow(row.value());
    row.value().finish();

    auto actions = runSql(db,
                          QStringLiteral("SELECT uuid, position, values_json FROM actions "
                                         "WHERE report_uuid = ? ORDER BY position, created_at, uuid"),
                          {uuid});
    if (!actions)
        return actions.error();
    QHash<QString, qsizetype> indexOf;
    while (actions.value().next()) {
        Action a;
        a.uuid = actions.value().value(0).toString();
        a.reportUuid = uuid;
        a.position = actions.value().value(1).toInt();
        a.values = fromJson(actions.value().value(2).toString());
        indexOf.insert(a.uuid, report.actions.size());
        report.actions << a;
    }

    auto links = runSql(db,
                        QStringLiteral("SELECT l.action_uuid, l.partner_uuid FROM action_partners l "
                                       "JOIN actions a ON a.uuid = l.action_uuid "
                                       "WHERE a.report_uuid = ? ORDER BY l.action_uuid, l.partner_uuid"),
                        {uuid});
    if (!links)
        return links.error();
    while (links.value().next()) {
        const auto it = indexOf.constFind(links.value().value(0).toString());
        if (it != indexOf.constEnd())
            report.actions[*it].partnerUuids << links.value().value(1).toString();
    }

    auto photos =
        runSql(db,
               QStringLiteral("SELECT ") + kPhotoColumns +
                   QStringLiteral(" FROM photos p JOIN actions a ON a.uuid = p.action_uuid "
                                  "WHERE a.report_uuid = ? ORDER BY a.position, p.position, p.uuid"),
               {uuid});
    if (!photos)
        return photos.error();
    while (photos.value().next()) {
        Photo p = photoFromRow(photos.value());
        const auto it = indexOf.constFind(p.actionUuid);
        if (it != indexOf.constEnd())
            report.actions[*it].photos << p;
    }
    return report;
}

Result<Report> ReportService::report(const QString &uuid) const
{
    return load(uuid);
}

Result<Report> ReportService::reportFor(const QString &programId, const Period &period) const
{
    auto uuid = scalarSql(
        m_database.db(),
        QStringLiteral("SELECT uuid FROM reports WHERE program_id = ? AND period = ? AND municipality = ") +
            reportingUnitSql(),
        {programId, period.key()});
    if (!uuid)
        return uuid.error();
    if (!uuid.value().isValid())
        return errors::reportNotFound();
    return load(uuid.value().toString());
}

Result<Period> ReportService::oldestPeriod(const QString &programId) const
{
    auto q = runSql(m_database.db(), QStringLiteral("SELECT MIN(period) FROM reports WHERE program_id = ?"),
                    {programId});
    if (!q)
        return q.error();
    return q.value().next() ? Period::fromKey(q.value().value(0).toString()) : Period{};
}

Result<QList<ReportSummary>> ReportService::summaries() const
{
    QList<ReportSummary> list;
    auto q =
        runSql(m_database.db(),
               QStringLiteral("SELECT r.uuid, r.program_id, r.municipality, r.period, r.state, r.revision, "
                              "r.no_actions, r.updated_at, "
                              "(SELECT count(*) FROM actions a WHERE a.report_uuid = r.uuid), "
                              "(SELECT count(*) FROM photos p JOIN actions a ON a.uuid = p.action_uuid "
                              " WHERE a.report_uuid = r.uuid) "
                              "FROM reports r ORDER BY r.period DESC, r.program_id"));
    if (!q)
        return q.error();
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        ReportSummary s;
        s.uuid = row.value(0).toString();
        s.programId = row.value(1).toString();
        s.municipality = row.value(2).toString();
        s.period = Period::fromKey(row.value(3).toString());
        reportStateFromKey(row.value(4).toString(), &s.state);
        s.revision = row.value(5).toInt();
        s.noActions = row.value(6).toInt() != 0;
        s.updatedAt = parseStoreTimestamp(row.value(7).toString());
        s.actionCount = row.value(8).toInt();
        s.photoCount = row.value(9).toInt();
        list << s;
    }
    return list;
}

// ------------------------------------------------------------------ helpers

Result<ReportService::Owner> ReportService::actionOwner(const QString &actionUuid) const
{
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT report_uuid, position FROM actions WHERE uuid = ?"), {actionUuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return errors::actionNotFound();
    return Owner{q.value().value(0).toString(), actionUuid, q.value().value(1).toInt()};
}

Result<ReportService::Owner> ReportService::photoOwner(const QString &photoUuid) const
{
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT a.report_uuid, p.action_uuid, p.position FROM photos p "
                                   "JOIN actions a ON a.uuid = p.action_uuid WHERE p.uuid = ?"),
                    {photoUuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return errors::photoNotFound();
    return Owner{q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toInt()};
}

Result<ReportService::Owner> ReportService::editableOwner(Result<Owner> owner) const
{
    if (!owner)
        return owner;
    if (Status s = requireEditable(owner->reportUuid); !s)
        return s.error();
    return owner;
}

Status ReportService::requireEditable(const QString &reportUuid) const
{
    auto state =
        scalarSql(m_database.db(), QStringLiteral("SELECT state FROM reports WHERE uuid = ?"), {reportUuid});
    if (!state)
        return state.error();
    if (!state.value().isValid())
        return errors::reportNotFound();
    ReportState s = ReportState::Draft;
    if (!reportStateFromKey(state.value().toString(), &s) || !ReportStateMachine::isEditable(s))
        return errors::locked(s);
    return {};
}

Status ReportService::touch(const QString &reportUuid) const
{
    return toStatus(execSql(m_database.db(),
                            QStringLiteral("UPDATE reports SET updated_at = ? WHERE uuid = ?"),
                            {storeTimestamp(m_clock.now()), reportUuid}));
}

// ------------------------------------------------------------------ reports

Result<Report> ReportService::createReport(const QString &programId, const Period &period)
{
    if (programId.trimmed().isEmpty() || !period.isValid())
        return Error{QStringLiteral("invalid_argument"),
                     QCoreApplication::translate("ReportService",
                                                 "The program or the month of the report is not valid. "
                                                 "Choose them again.")};
    const QSqlDatabase db = m_database.db();
    QString uuid;
    Result<Report> created = inTransaction(db, [&]() -> Result<Report> {
        // Who reports: the municipality (its IBGE code), or the apoio program's apoiador
        // (ProfileService::reportingUnit).
        auto municipality = scalarSql(db, QStringLiteral("SELECT ") + reportingUnitSql());
        if (!municipality)
            return municipality.error();
        const QString ibge = municipality.value().toString();
        if (ibge.isEmpty())
            return Error{QStringLiteral("no_municipality"),
                         QCoreApplication::translate("ReportService",
                                                     "Choose the municipality of this profile before "
                                                     "creating reports.")};
        auto existing = scalarSql(db,
                                  QStringLiteral("SELECT uuid FROM reports WHERE program_id = ? AND "
                                                 "municipality = ? AND period = ?"),
                                  {programId, ibge, period.key()});
        if (!existing)
            return existing.error();
        if (existing.value().isValid())
            return Error{QStringLiteral("already_exists"),
                         QCoreApplication::translate("ReportService",
                                                     "There is already a report for %1. Open it from "
                                                     "the list of reports.")
                             .arg(period.display())};
        uuid = newUuid();
        const QString now = storeTimestamp(m_clock.now());
        auto inserted =
            execSql(db,
                    QStringLiteral("INSERT INTO reports (uuid, program_id, municipality, period, "
                                   "state, revision, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, 1, ?, ?)"),
                    {uuid, programId, ibge, period.key(), reportStateKey(ReportState::Draft), now, now});
        if (!inserted)
            return inserted.error();
        if (Status s = m_audit.record(QStringLiteral("report"), uuid, QStringLiteral("create"),
                                      QJsonObject{{QStringLiteral("program"), programId},
                                                  {QStringLiteral("period"), period.key()}});
            !s)
            return s.error();
        return load(uuid);
    });
    notify(created ? Status() : Status(created.error()), uuid);
    return created;
}

Status ReportService::setNoActions(const QString &reportUuid, bool noActions, const QString &justification)
{
    const QSqlDatabase db = m_database.db();
    Status done = inTransaction(db, [&]() -> Status {
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        auto updated =
            execSql(db,
                    QStringLiteral("UPDATE reports SET no_actions = ?, justification = ?, "
                                   "updated_at = ? WHERE uuid = ?"),
                    {noActions ? 1 : 0, textArg(justification), storeTimestamp(m_clock.now()), reportUuid});
        if (!updated)
            return updated.error();
        return m_audit.record(QStringLiteral("report"), reportUuid, QStringLiteral("set_no_actions"),
                              QJsonObject{{QStringLiteral("noActions"), noActions}});
    });
    notify(done, reportUuid);
    return done;
}

} // namespace mobiliza::core
