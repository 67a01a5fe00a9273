#include "core/services/revision_importer.h"
#include "core/services/reporting_unit_sql.h"

#include "core/domain/clock.h"
#include "core/package/manifest_codec.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <optional>

namespace mobiliza::core {

namespace {

enum class Op
{
    None,
    Insert,
    ReplaceSame,
    ReplaceOther
};

struct Plan
{
    ImportOutcome outcome;
    Op op = Op::None;
    QString otherUuid; // the empty local draft of the same month that the import replaces
};

struct LocalReport
{
    QString uuid;
    QString programId;
    QString municipality;
    QString period;
    ReportState state = ReportState::Draft;
    int revision = 1;
    bool hasTypedWork = false;
    int revisionRows = 0;
    int maxRevisionRow = 0;
};

Error refusal(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

// The local report chosen by `where` (uuid, or program + municipality + period).
Result<std::optional<LocalReport>> findLocal(const QSqlDatabase &db, const QString &where,
                                             const QVariantList &args)
{
    auto q =
        runSql(db,
               QStringLiteral("SELECT r.uuid, r.program_id, r.municipality, r.period, r.state, r.revision, "
                              "r.no_actions, r.justification, "
                              "(SELECT count(*) FROM actions a WHERE a.report_uuid = r.uuid), "
                              "(SELECT count(*) FROM report_revisions v WHERE v.report_uuid = r.uuid), "
                              "(SELECT coalesce(max(v.revision), 0) FROM report_revisions v "
                              " WHERE v.report_uuid = r.uuid) "
                              "FROM reports r WHERE ") +
                   where,
               args);
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<LocalReport>();
    const QSqlQuery &row = q.value();
    LocalReport local;
    local.uuid = row.value(0).toString();
    local.programId = row.value(1).toString();
    local.municipality = row.value(2).toString();
    local.period = row.value(3).toString();
    reportStateFromKey(row.value(4).toString(), &local.state);
    local.revision = row.value(5).toInt();
    local.hasTypedWork =
        row.value(6).toInt() != 0 || !row.value(7).toString().isEmpty() || row.value(8).toInt() > 0;
    local.revisionRows = row.value(9).toInt();
    local.maxRevisionRow = row.value(10).toInt();
    return std::optional<LocalReport>(local);
}

Result<Plan> makePlan(const QSqlDatabase &db, const DecodedManifest &decoded, const QString &sha)
{
    const Report &report = decoded.report;
    Plan plan;
    plan.outcome.reportUuid = report.uuid;
    plan.outcome.period = report.period;
    plan.outcome.revision = report.revision;
    plan.outcome.photoCount = manifestPhotoCount(report);
    plan.outcome.manifestSha256 = sha;
    const QString month = report.period.display();

    auto municipality = scalarSql(db, QStringLiteral("SELECT ") + reportingUnitSql());
    if (!municipality)
        return municipality.error();
    const QString ibge = municipality.value().toString();
    if (ibge.isEmpty())
        return refusal(
            "no_municipality",
            QCoreApplication::translate("RevisionImporter",
                                        "Choose the municipality of this profile before importing reports."));
    if (ibge != report.municipality && ibge.startsWith(QLatin1String("ap-")))
        return refusal("wrong_municipality",
                       QCoreApplication::translate(
                           "RevisionImporter",
                           "This file holds a report of another apoiador (%1), and this installation keeps "
                           "the reports of %2. Import it in that apoiador's installation.")
                           .arg(report.municipality, ibge));
    if (ibge != report.municipality)
        return refusal("wrong_municipality",
                       QCoreApplication::translate(
                           "RevisionImporter",
                           "This file holds a report of another municipality (IBGE %1), and this "
                           "installation keeps the reports of IBGE %2. Import it in the installation of "
                           "that municipality.")
                           .arg(report.municipality, ibge));

    auto byUuid = findLocal(db, QStringLiteral("r.uuid = ?"), {report.uuid});
    if (!byUuid)
        return byUuid.error();
    if (const auto &local = byUuid.value(); local.has_value()) {
        if (local->programId != report.programId || local->municipality != report.municipality ||
            local->period != report.period.key())
            return refusal("conflict",
                           QCoreApplication::translate(
                               "RevisionImporter", "This installation has another report with the same "
                                                   "identification as the file. The file was not imported. "
                                                   "Ask whoever generated it for a new file."));
        auto existing = scalarSql(
            db, QStringLiteral("SELECT sha256 FROM report_revisions WHERE report_uuid = ? AND revision = ?"),
            {report.uuid, report.revision});
        if (!existing)
            return existing.error();
        if (existing.value().isValid()) {
            if (existing.value().toString() == sha) {
                plan.outcome.kind = ImportOutcome::Kind::AlreadyPresent;
                return plan;
            }
            return refusal("conflict",
                           QCoreApplication::translate(
                               "RevisionImporter",
                               "This installation already has revision %1 of the report for %2, with "
                               "different content. The file was not imported. Check with whoever "
                               "generated it which version is the right one.")
                               .arg(report.revision)
                               .arg(month));
        }
        const int localRevision = std::max(local->revision, local->maxRevisionRow);
        if (localRevision > report.revision) {
            if (local->state == ReportState::Draft)
                return refusal("older_revision",
                               QCoreApplication::translate(
                                   "RevisionImporter",
                                   "Revision %1 of the report for %2 is being edited in this "
                                   "installation, and the file brings the older revision %3. The file "
                                   "was not imported, so that nothing typed is lost.")
                                   .arg(localRevision)
                                   .arg(month)
                                   .arg(report.revision));
            return refusal("older_revision",
                           QCoreApplication::translate(
                               "RevisionImporter",
                               "This installation already has revision %1 of the report for %2, and the "
                               "file brings the older revision %3. The file was not imported.")
                               .arg(localRevision)
                               .arg(month)
                               .arg(report.revision));
        }
        if (local->state == ReportState::Draft && local->hasTypedWork)
            return refusal("local_draft",
                           QCoreApplication::translate(
                               "RevisionImporter",
                               "The report for %1 is a draft with work typed in this installation. The "
                               "file was not imported, so that nothing typed is lost. Finish that draft "
                               "here, or remove its actions first if the file should replace it.")
                               .arg(month));
        if (local->state == ReportState::Sending)
            return refusal("busy", QCoreApplication::translate(
                                       "RevisionImporter",
                                       "The report for %1 is being sent now. Wait until the sending "
                                       "ends, then import the file again.")
                                       .arg(month));
        plan.op = Op::ReplaceSame;
        plan.outcome.replacedLocal = true;
        return plan;
    }

    auto bySlot = findLocal(db, QStringLiteral("r.program_id = ? AND r.municipality = ? AND r.period = ?"),
                            {report.programId, report.municipality, report.period.key()});
    if (!bySlot)
        return bySlot.error();
    if (const auto &other = bySlot.value(); other.has_value()) {
        if (other->state == ReportState::Draft && other->hasTypedWork)
            return refusal("local_draft",
                           QCoreApplication::translate(
                               "RevisionImporter",
                               "The report for %1 is a draft with work typed in this installation. The "
                               "file was not imported, so that nothing typed is lost. Finish that draft "
                               "here, or remove its actions first if the file should replace it.")
                               .arg(month));
        if (other->state != ReportState::Draft || other->revisionRows > 0)
            return refusal("conflict",
                           QCoreApplication::translate(
                               "RevisionImporter",
                               "Another report for %1 was already concluded in this installation. The "
                               "file was not imported. Check with whoever generated it which report is "
                               "the right one.")
                               .arg(month));
        plan.op = Op::ReplaceOther; // an empty draft: nothing typed is lost
        plan.otherUuid = other->uuid;
        plan.outcome.replacedLocal = true;
        return plan;
    }
    plan.op = Op::Insert;
    return plan;
}

Status toStatus(const Result<int> &r)
{
    return r ? Status() : Status(r.error());
}

Status writeContent(const QSqlDatabase &db, const Report &report, const QString &now, int *unlinked)
{
    for (const Action &action : report.actions) {
        if (Status s = toStatus(execSql(
                db,
                QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, created_at, "
                               "updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                {action.uuid, report.uuid, action.position,
                 QString::fromUtf8(QJsonDocument(action.values).toJson(QJsonDocument::Compact)), now, now}));
            !s)
            return s;
        for (const QString &partner : action.partnerUuids) {
            auto linked = execSql(db,
                                  QStringLiteral("INSERT INTO action_partners (action_uuid, partner_uuid) "
                                                 "SELECT ?, uuid FROM partners WHERE uuid = ?"),
                                  {action.uuid, partner});
            if (!linked)
                return linked.error();
            if (linked.value() == 0)
                ++*unlinked;
        }
        for (const Photo &p : action.photos) {
            if (Status s = toStatus(
                    execSql(db,
                            QStringLiteral(
                                "INSERT INTO photos (uuid, action_uuid, sha256, position, caption, "
                                "taken_on, author, identifiable, authorization, width, height, bytes, "
                                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {p.uuid, action.uuid, p.sha256, p.position, textArg(p.caption),
                             nullIfEmpty(p.takenOn.isValid() ? p.takenOn.toString(Qt::ISODate) : QString()),
                             textArg(p.author), p.identifiablePeople ? 1 : 0, p.authorizationOnFile ? 1 : 0,
                             p.width, p.height, p.bytes, now, now}));
                !s)
                return s;
        }
    }
    return {};
}

} // namespace

QString importOutcomeKey(ImportOutcome::Kind kind)
{
    return kind == ImportOutcome::Kind::AlreadyPresent ? QStringLiteral("already_present")
                                                       : QStringLiteral("imported");
}

RevisionImporter::RevisionImporter(Services &services) : m_services(services) {}

Result<ImportOutcome> RevisionImporter::check(const QByteArray &manifestJson) const
{
    auto decoded = decodeManifest(manifestJson);
    if (!decoded)
        return decoded.error();
    auto plan = makePlan(m_services.database().db(), decoded.value(), BlobStore::sha256Hex(manifestJson));
    if (!plan)
        return plan.error();
    return plan->outcome;
}

Result<ImportOutcome> RevisionImporter::import(const QByteArray &manifestJson, const QString &source)
{
    auto decodedResult = decodeManifest(manifestJson);
    if (!decodedResult)
        return decodedResult.error();
    const DecodedManifest &decoded = decodedResult.value();
    const Report &report = decoded.report;
    const QString sha = BlobStore::sha256Hex(manifestJson);

    for (const QString &blob : manifestBlobs(report))
        if (!m_services.blobs().has(blob))
            return Error{QStringLiteral("missing_blob"),
                         QCoreApplication::translate(
                             "RevisionImporter",
                             "Some photos of the report are not stored in this installation. Import the "
                             "package file again.")};

    const QSqlDatabase db = m_services.database().db();
    QString replacedOther;
    Result<ImportOutcome> done = inTransaction(db, [&]() -> Result<ImportOutcome> {
        // Decided again under the write lock: nothing changes in between.
        auto planned = makePlan(db, decoded, sha);
        if (!planned)
            return planned.error();
        Plan plan = planned.value();
        if (plan.op == Op::None)
            return plan.outcome; // already present: nothing to write

        const QString now = storeTimestamp(m_services.clock().now());
        const QString ready = reportStateKey(ReportState::Ready);
        switch (plan.op) {
        case Op::ReplaceOther:
            if (Status s = toStatus(
                    execSql(db, QStringLiteral("DELETE FROM reports WHERE uuid = ?"), {plan.otherUuid}));
                !s)
                return s.error();
            if (Status s = m_services.audit().record(
                    QStringLiteral("report"), plan.otherUuid, QStringLiteral("remove"),
                    QJsonObject{{QStringLiteral("reason"), QStringLiteral("replaced_by_import")},
                                {QStringLiteral("by"), report.uuid}});
                !s)
                return s.error();
            replacedOther = plan.otherUuid;
            [[fallthrough]];
        case Op::Insert:
            if (Status s = toStatus(execSql(
                    db,
                    QStringLiteral("INSERT INTO reports (uuid, program_id, municipality, period, state, "
                                   "revision, no_actions, justification, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {report.uuid, report.programId, report.municipality, report.period.key(), ready,
                     report.revision, report.noActions ? 1 : 0, textArg(report.noActionsJustification), now,
                     now}));
                !s)
                return s.error();
            break;
        case Op::ReplaceSame:
            if (Status s = toStatus(
                    execSql(db, QStringLiteral("DELETE FROM actions WHERE report_uuid = ?"), {report.uuid}));
                !s)
                return s.error();
            if (Status s = toStatus(
                    execSql(db,
                            QStringLiteral("UPDATE reports SET state = ?, revision = ?, no_actions = ?, "
                                           "justification = ?, updated_at = ? WHERE uuid = ?"),
                            {ready, report.revision, report.noActions ? 1 : 0,
                             textArg(report.noActionsJustification), now, report.uuid}));
                !s)
                return s.error();
            break;
        case Op::None:
            break;
        }

        if (Status s = writeContent(db, report, now, &plan.outcome.unlinkedPartners); !s)
            return s.error();

        const QString revisionUuid = newUuid();
        if (Status s = toStatus(execSql(
                db,
                QStringLiteral("INSERT INTO report_revisions (uuid, report_uuid, revision, snapshot_json, "
                               "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                {revisionUuid, report.uuid, report.revision, QString::fromUtf8(manifestJson), sha,
                 storeTimestamp(decoded.concludedAt)}));
            !s)
            return s.error();
        if (Status s = toStatus(execSql(db,
                                        QStringLiteral("INSERT INTO outbox (uuid, revision_uuid, state, "
                                                       "attempts, next_attempt_at, created_at, updated_at) "
                                                       "VALUES (?, ?, 'queued', 0, ?, ?, ?)"),
                                        {newUuid(), revisionUuid, now, now, now}));
            !s)
            return s.error();
        if (Status s = m_services.audit().record(
                QStringLiteral("report"), report.uuid, QStringLiteral("import"),
                QJsonObject{{QStringLiteral("source"), source},
                            {QStringLiteral("revision"), report.revision},
                            {QStringLiteral("revisionUuid"), revisionUuid},
                            {QStringLiteral("sha256"), sha},
                            {QStringLiteral("replaced"), plan.outcome.replacedLocal},
                            {QStringLiteral("unlinkedPartners"), plan.outcome.unlinkedPartners}});
            !s)
            return s.error();
        return plan.outcome;
    });
    if (done && done->kind == ImportOutcome::Kind::Imported) {
        if (!replacedOther.isEmpty())
            Q_EMIT m_services.notifier().reportChanged(replacedOther);
        Q_EMIT m_services.notifier().reportChanged(report.uuid);
    }
    return done;
}

} // namespace mobiliza::core
