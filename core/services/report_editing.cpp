// ReportService: what the report editor adds — undo support (restoring a removed
// action or photo with its uuid), the duplicate-photo rule and the review
// comments for the report list.
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
#include <QJsonDocument>

#include <algorithm>

namespace mobiliza::core {

namespace errors = service_errors;

namespace {

Error alreadyExists()
{
    return Error{QStringLiteral("already_exists"),
                 QCoreApplication::translate("ReportService",
                                             "This item is already in the report, so it cannot be put "
                                             "back. Reopen the report to see its current state.")};
}

Error missingBlob()
{
    return Error{QStringLiteral("missing_blob"),
                 QCoreApplication::translate("ReportService",
                                             "The photo file was not stored in the data folder. "
                                             "Import the photo again.")};
}

} // namespace

Status ReportService::refuseDuplicatePhoto(const QString &actionUuid, const QString &sha256) const
{
    const QSqlDatabase db = m_database.db();
    auto q = runSql(db,
                    QStringLiteral("SELECT a.report_uuid, a.position, p.position FROM photos p "
                                   "JOIN actions a ON a.uuid = p.action_uuid "
                                   "WHERE p.action_uuid = ? AND p.sha256 = ? LIMIT 1"),
                    {actionUuid, sha256});
    if (!q)
        return q.error();
    if (!q.value().next())
        return {};
    const QString reportUuid = q.value().value(0).toString();
    const int actionPosition = q.value().value(1).toInt();
    const int photoPosition = q.value().value(2).toInt();
    q.value().finish();
    // The photo's number across the report (Foto 1…N in action order).
    auto before = scalarSql(db,
                            QStringLiteral("SELECT count(*) FROM photos p JOIN actions a ON a.uuid = "
                                           "p.action_uuid WHERE a.report_uuid = ? AND a.position < ?"),
                            {reportUuid, actionPosition});
    if (!before)
        return before.error();
    const int number = before.value().toInt() + photoPosition + 1;
    return Error{QStringLiteral("duplicate_photo"),
                 QCoreApplication::translate("ReportService",
                                             "This photo is already in the action (photo %1). Each "
                                             "photo goes in only once: choose a different one.")
                     .arg(number)};
}

Status ReportService::insertPhotoRow(const QString &actionUuid, const Photo &photo) const
{
    const QString now = storeTimestamp(m_clock.now());
    auto inserted = execSql(
        m_database.db(),
        QStringLiteral("INSERT INTO photos (uuid, action_uuid, sha256, position, caption, taken_on, author, "
                       "identifiable, authorization, width, height, bytes, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {photo.uuid, actionUuid, photo.sha256, photo.position, textArg(photo.caption),
         nullIfEmpty(photo.takenOn.isValid() ? photo.takenOn.toString(Qt::ISODate) : QString()),
         textArg(photo.author), photo.identifiablePeople ? 1 : 0, photo.authorizationOnFile ? 1 : 0,
         photo.width, photo.height, photo.bytes, now, now});
    return inserted ? Status() : Status(inserted.error());
}

Result<Action> ReportService::restoreAction(const Action &action)
{
    for (const Photo &p : action.photos)
        if (!m_blobs.has(p.sha256))
            return missingBlob();
    const QSqlDatabase db = m_database.db();
    const QString reportUuid = action.reportUuid;
    Result<Action> restored = inTransaction(db, [&]() -> Result<Action> {
        if (action.uuid.isEmpty())
            return errors::actionNotFound();
        if (Status s = requireEditable(reportUuid); !s)
            return s.error();
        auto exists = scalarSql(db, QStringLiteral("SELECT 1 FROM actions WHERE uuid = ?"), {action.uuid});
        if (!exists)
            return exists.error();
        if (exists.value().isValid())
            return alreadyExists();
        auto count = countIn(Siblings::ActionsOfReport, reportUuid);
        if (!count)
            return count.error();
        Action a = action;
        a.position = std::clamp(action.position, 0, count.value());
        if (Status s = openGap(Siblings::ActionsOfReport, reportUuid, a.position); !s)
            return s.error();
        const QString now = storeTimestamp(m_clock.now());
        if (auto i = execSql(db,
                             QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, "
                                            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                             {a.uuid, reportUuid, a.position,
                              QString::fromUtf8(QJsonDocument(a.values).toJson(QJsonDocument::Compact)), now,
                              now});
            !i)
            return i.error();
        QStringList kept;
        for (const QString &partner : action.partnerUuids) {
            auto known = scalarSql(db, QStringLiteral("SELECT 1 FROM partners WHERE uuid = ?"), {partner});
            if (!known)
                return known.error();
            if (!known.value().isValid() || kept.contains(partner))
                continue; // erased since (LGPD): the link is not brought back
            if (auto i = execSql(
                    db,
                    QStringLiteral("INSERT INTO action_partners (action_uuid, partner_uuid) VALUES (?, ?)"),
                    {a.uuid, partner});
                !i)
                return i.error();
            kept << partner;
        }
        a.partnerUuids = kept;
        for (qsizetype k = 0; k < a.photos.size(); ++k) {
            Photo &p = a.photos[k];
            p.actionUuid = a.uuid;
            p.position = int(k);
            if (p.uuid.isEmpty())
                p.uuid = newUuid();
            if (Status s = insertPhotoRow(a.uuid, p); !s)
                return s.error();
        }
        if (Status s = touch(reportUuid); !s)
            return s.error();
        if (Status s = m_audit.record(QStringLiteral("action"), a.uuid, QStringLiteral("restore"),
                                      QJsonObject{{QStringLiteral("report"), reportUuid},
                                                  {QStringLiteral("position"), a.position},
                                                  {QStringLiteral("photos"), int(a.photos.size())}});
            !s)
            return s.error();
        return a;
    });
    notify(restored ? Status() : Status(restored.error()), reportUuid);
    return restored;
}

Result<Photo> ReportService::restorePhoto(const Photo &photo)
{
    if (!m_blobs.has(photo.sha256))
        return missingBlob();
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Result<Photo> restored = inTransaction(db, [&]() -> Result<Photo> {
        if (photo.uuid.isEmpty())
            return errors::photoNotFound();
        auto owner = editableOwner(actionOwner(photo.actionUuid));
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        auto exists = scalarSql(db, QStringLiteral("SELECT 1 FROM photos WHERE uuid = ?"), {photo.uuid});
        if (!exists)
            return exists.error();
        if (exists.value().isValid())
            return alreadyExists();
        if (Status s = refuseDuplicatePhoto(photo.actionUuid, photo.sha256); !s)
            return s.error();
        auto count = countIn(Siblings::PhotosOfAction, photo.actionUuid);
        if (!count)
            return count.error();
        Photo p = photo;
        p.position = std::clamp(photo.position, 0, count.value());
        if (Status s = openGap(Siblings::PhotosOfAction, p.actionUuid, p.position); !s)
            return s.error();
        if (Status s = insertPhotoRow(p.actionUuid, p); !s)
            return s.error();
        if (Status s = touch(reportUuid); !s)
            return s.error();
        if (Status s = m_audit.record(QStringLiteral("photo"), p.uuid, QStringLiteral("restore"),
                                      QJsonObject{{QStringLiteral("action"), p.actionUuid},
                                                  {QStringLiteral("sha256"), p.sha256}});
            !s)
            return s.error();
        return p;
    });
    notify(restored ? Status() : Status(restored.error()), reportUuid);
    return restored;
}

QHash<QString, QString> ReportService::reviewComments() const
{
    QHash<QString, QString> comments;
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT uuid, review_comment FROM reports "
                                   "WHERE review_comment IS NOT NULL AND review_comment <> ''"));
    if (!q)
        return comments;
    while (q.value().next())
        comments.insert(q.value().value(0).toString(), q.value().value(1).toString());
    return comments;
}

} // namespace mobiliza::core
