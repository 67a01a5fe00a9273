#include "core/services/report_service.h"

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
#include <QSet>

namespace mobiliza::core {

namespace errors = service_errors;

namespace {

QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

// Keys whose value differs between two objects (for the audit: names, not values).
QJsonArray changedKeys(const QJsonObject &before, const QJsonObject &after)
{
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    keys.sort();
    QJsonArray changed;
    for (const QString &key : keys)
        if (before.value(key) != after.value(key))
            changed.append(key);
    return changed;
}

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

Status toStatus(const Result<int> &r)
{
    return r ? Status() : Status(r.error());
}

} // namespace

ReportService::ReportService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                             const BlobStore &blobs)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit), m_blobs(blobs)
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
        QStringLiteral("SELECT uuid FROM reports WHERE program_id = ? AND period = ? "
                       "AND municipality = (SELECT value FROM settings WHERE key = 'municipality')"),
        {programId, period.key()});
    if (!uuid)
        return uuid.error();
    if (!uuid.value().isValid())
        return errors::reportNotFound();
    return load(uuid.value().toString());
}

QList<ReportSummary> ReportService::summaries() const
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
        return list;
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
        auto municipality =
            scalarSql(db, QStringLiteral("SELECT value FROM settings WHERE key = 'municipality'"));
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

// ------------------------------------------------------------------ actions

Result<Action> ReportService::addAction(const QString &reportUuid, const QJsonObject &values)
{
    const QSqlDatabase db = m_database.db();
    Result<Action> added = inTransaction(db, [&]() -> Result<Action> {
        if (Status s = requireEditable(reportUuid); !s)
            return s.error();
        auto count =
            scalarSql(db, QStringLiteral("SELECT count(*) FROM actions WHERE report_uuid = ?"), {reportUuid});
        if (!count)
            return count.error();
        Action action;
        action.uuid = newUuid();
        action.reportUuid = reportUuid;
        action.position = count.value().toInt();
        action.values = values;
        const QString now = storeTimestamp(m_clock.now());
        auto inserted =
            execSql(db,
                    QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                    {action.uuid, reportUuid, action.position, toJson(values), now, now});
        if (!inserted)
            return inserted.error();
        if (Status s = touch(reportUuid); !s)
            return s.error();
        if (Status s = m_audit.record(QStringLiteral("action"), action.uuid, QStringLiteral("create"),
                                      QJsonObject{{QStringLiteral("report"), reportUuid},
                                                  {QStringLiteral("position"), action.position}});
            !s)
            return s.error();
        return action;
    });
    notify(added ? Status() : Status(added.error()), reportUuid);
    return added;
}

Status ReportService::updateAction(const QString &actionUuid, const QJsonObject &values)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = actionOwner(actionUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        auto before =
            scalarSql(db, QStringLiteral("SELECT values_json FROM actions WHERE uuid = ?"), {actionUuid});
        if (!before)
            return before.error();
        auto updated =
            execSql(db, QStringLiteral("UPDATE actions SET values_json = ?, updated_at = ? WHERE uuid = ?"),
                    {toJson(values), storeTimestamp(m_clock.now()), actionUuid});
        if (!updated)
            return updated.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        return m_audit.record(QStringLiteral("action"), actionUuid, QStringLiteral("update"),
                              QJsonObject{{QStringLiteral("report"), reportUuid},
                                          {QStringLiteral("fields"),
                                           changedKeys(fromJson(before.value().toString()), values)}});
    });
    notify(done, reportUuid);
    return done;
}

Status ReportService::removeAction(const QString &actionUuid)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = actionOwner(actionUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        if (auto d = execSql(db, QStringLiteral("DELETE FROM actions WHERE uuid = ?"), {actionUuid}); !d)
            return d.error();
        if (auto u = execSql(db,
                             QStringLiteral("UPDATE actions SET position = position - 1 "
                                            "WHERE report_uuid = ? AND position > ?"),
                             {reportUuid, owner->position});
            !u)
            return u.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        return m_audit.record(QStringLiteral("action"), actionUuid, QStringLiteral("remove"),
                              QJsonObject{{QStringLiteral("report"), reportUuid},
                                          {QStringLiteral("position"), owner->position}});
    });
    notify(done, reportUuid);
    return done;
}

Status ReportService::moveAction(const QString &actionUuid, int newPosition)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    bool moved = false;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = actionOwner(actionUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        auto count =
            scalarSql(db, QStringLiteral("SELECT count(*) FROM actions WHERE report_uuid = ?"), {reportUuid});
        if (!count)
            return count.error();
        if (newPosition < 0 || newPosition >= count.value().toInt())
            return errors::invalidPosition(newPosition, count.value().toInt());
        const int old = owner->position;
        if (old == newPosition)
            return {};
        const QString shift = newPosition < old
                                  ? QStringLiteral("UPDATE actions SET position = position + 1 WHERE "
                                                   "report_uuid = ? AND position >= ? AND position < ?")
                                  : QStringLiteral("UPDATE actions SET position = position - 1 WHERE "
                                                   "report_uuid = ? AND position <= ? AND position > ?");
        if (auto u = execSql(db, shift, {reportUuid, newPosition, old}); !u)
            return u.error();
        if (auto u =
                execSql(db, QStringLiteral("UPDATE actions SET position = ?, updated_at = ? WHERE uuid = ?"),
                        {newPosition, storeTimestamp(m_clock.now()), actionUuid});
            !u)
            return u.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        moved = true;
        return m_audit.record(QStringLiteral("action"), actionUuid, QStringLiteral("move"),
                              QJsonObject{{QStringLiteral("report"), reportUuid},
                                          {QStringLiteral("from"), old},
                                          {QStringLiteral("to"), newPosition}});
    });
    notify(moved ? done : Status(Error{}), reportUuid);
    return done;
}

Status ReportService::setActionPartners(const QString &actionUuid, const QStringList &partnerUuids)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    QStringList unique = partnerUuids;
    unique.removeDuplicates();
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = actionOwner(actionUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        if (auto d = execSql(db, QStringLiteral("DELETE FROM action_partners WHERE action_uuid = ?"),
                             {actionUuid});
            !d)
            return d.error();
        for (const QString &partner : unique) {
            auto exists = scalarSql(db, QStringLiteral("SELECT 1 FROM partners WHERE uuid = ?"), {partner});
            if (!exists)
                return exists.error();
            if (!exists.value().isValid())
                return errors::partnerNotFound();
            if (auto i = execSql(
                    db,
                    QStringLiteral("INSERT INTO action_partners (action_uuid, partner_uuid) VALUES (?, ?)"),
                    {actionUuid, partner});
                !i)
                return i.error();
        }
        if (Status s = touch(reportUuid); !s)
            return s;
        return m_audit.record(QStringLiteral("action"), actionUuid, QStringLiteral("set_partners"),
                              QJsonObject{{QStringLiteral("report"), reportUuid},
                                          {QStringLiteral("partners"), QJsonArray::fromStringList(unique)}});
    });
    notify(done, reportUuid);
    return done;
}

// ------------------------------------------------------------------ photos

Result<Photo> ReportService::addPhoto(const QString &actionUuid, const Photo &meta)
{
    if (!m_blobs.has(meta.sha256))
        return Error{QStringLiteral("missing_blob"),
                     QCoreApplication::translate("ReportService",
                                                 "The photo file was not stored in the data folder. "
                                                 "Import the photo again.")};
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Result<Photo> added = inTransaction(db, [&]() -> Result<Photo> {
        auto owner = actionOwner(actionUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s.error();
        if (Status s = refuseDuplicatePhoto(actionUuid, meta.sha256); !s) // report_editing.cpp
            return s.error();
        auto count =
            scalarSql(db, QStringLiteral("SELECT count(*) FROM photos WHERE action_uuid = ?"), {actionUuid});
        if (!count)
            return count.error();
        Photo photo = meta;
        if (photo.uuid.isEmpty())
            photo.uuid = newUuid();
        photo.actionUuid = actionUuid;
        photo.position = count.value().toInt();
        const QString now = storeTimestamp(m_clock.now());
        auto inserted = execSql(
            db,
            QStringLiteral(
                "INSERT INTO photos (uuid, action_uuid, sha256, position, caption, taken_on, author, "
                "identifiable, authorization, width, height, bytes, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {photo.uuid, actionUuid, photo.sha256, photo.position, textArg(photo.caption),
             nullIfEmpty(dateText(photo.takenOn)), textArg(photo.author), photo.identifiablePeople ? 1 : 0,
             photo.authorizationOnFile ? 1 : 0, photo.width, photo.height, photo.bytes, now, now});
        if (!inserted)
            return inserted.error();
        if (Status s = touch(reportUuid); !s)
            return s.error();
        if (Status s = m_audit.record(QStringLiteral("photo"), photo.uuid, QStringLiteral("create"),
                                      QJsonObject{{QStringLiteral("action"), actionUuid},
                                                  {QStringLiteral("sha256"), photo.sha256}});
            !s)
            return s.error();
        return photo;
    });
    notify(added ? Status() : Status(added.error()), reportUuid);
    return added;
}

Status ReportService::updatePhoto(const Photo &photo)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = photoOwner(photo.uuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        auto updated = execSql(
            db,
            QStringLiteral("UPDATE photos SET caption = ?, taken_on = ?, author = ?, identifiable = ?, "
                           "authorization = ?, updated_at = ? WHERE uuid = ?"),
            {textArg(photo.caption), nullIfEmpty(dateText(photo.takenOn)), textArg(photo.author),
             photo.identifiablePeople ? 1 : 0, photo.authorizationOnFile ? 1 : 0,
             storeTimestamp(m_clock.now()), photo.uuid});
        if (!updated)
            return updated.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        return m_audit.record(QStringLiteral("photo"), photo.uuid, QStringLiteral("update"),
                              QJsonObject{{QStringLiteral("action"), owner->actionUuid}});
    });
    notify(done, reportUuid);
    return done;
}

Status ReportService::removePhoto(const QString &photoUuid)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = photoOwner(photoUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        if (auto d = execSql(db, QStringLiteral("DELETE FROM photos WHERE uuid = ?"), {photoUuid}); !d)
            return d.error();
        if (auto u = execSql(db,
                             QStringLiteral("UPDATE photos SET position = position - 1 "
                                            "WHERE action_uuid = ? AND position > ?"),
                             {owner->actionUuid, owner->position});
            !u)
            return u.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        return m_audit.record(QStringLiteral("photo"), photoUuid, QStringLiteral("remove"),
                              QJsonObject{{QStringLiteral("action"), owner->actionUuid}});
    });
    notify(done, reportUuid);
    return done;
}

Status ReportService::movePhoto(const QString &photoUuid, int newPosition)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    bool moved = false;
    Status done = inTransaction(db, [&]() -> Status {
        auto owner = photoOwner(photoUuid);
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = requireEditable(reportUuid); !s)
            return s;
        auto count = scalarSql(db, QStringLiteral("SELECT count(*) FROM photos WHERE action_uuid = ?"),
                               {owner->actionUuid});
        if (!count)
            return count.error();
        if (newPosition < 0 || newPosition >= count.value().toInt())
            return errors::invalidPosition(newPosition, count.value().toInt());
        const int old = owner->position;
        if (old == newPosition)
            return {};
        const QString shift = newPosition < old
                                  ? QStringLiteral("UPDATE photos SET position = position + 1 WHERE "
                                                   "action_uuid = ? AND position >= ? AND position < ?")
                                  : QStringLiteral("UPDATE photos SET position = position - 1 WHERE "
                                                   "action_uuid = ? AND position <= ? AND position > ?");
        if (auto u = execSql(db, shift, {owner->actionUuid, newPosition, old}); !u)
            return u.error();
        if (auto u =
                execSql(db, QStringLiteral("UPDATE photos SET position = ?, updated_at = ? WHERE uuid = ?"),
                        {newPosition, storeTimestamp(m_clock.now()), photoUuid});
            !u)
            return u.error();
        if (Status s = touch(reportUuid); !s)
            return s;
        moved = true;
        return m_audit.record(QStringLiteral("photo"), photoUuid, QStringLiteral("move"),
                              QJsonObject{{QStringLiteral("action"), owner->actionUuid},
                                          {QStringLiteral("from"), old},
                                          {QStringLiteral("to"), newPosition}});
    });
    notify(moved ? done : Status(Error{}), reportUuid);
    return done;
}

} // namespace mobiliza::core
