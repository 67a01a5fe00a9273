// ReportService: the photos of an action (add, update, remove, move). The
// files themselves are in the BlobStore; these are the rows that place them.
#include "core/services/report_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/report_service_p.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>

namespace mobiliza::core {

using namespace report_detail;

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
        auto owner = editableOwner(actionOwner(actionUuid));
        if (!owner)
            return owner.error();
        reportUuid = owner->reportUuid;
        if (Status s = refuseDuplicatePhoto(actionUuid, meta.sha256); !s) // report_editing.cpp
            return s.error();
        auto count = countIn(Siblings::PhotosOfAction, actionUuid);
        if (!count)
            return count.error();
        Photo photo = meta;
        if (photo.uuid.isEmpty())
            photo.uuid = newUuid();
        photo.actionUuid = actionUuid;
        photo.position = count.value();
        const QString now = storeTimestamp(m_clock.now());
        auto inserted =
            execSql(db,
                    QStringLiteral(
                        "INSERT INTO photos (uuid, action_uuid, sha256, position, caption, taken_on, author, "
                        "identifiable, authorization, width, height, bytes, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    {photo.uuid, actionUuid, photo.sha256, photo.position, textArg(photo.caption),
                     dateArg(photo.takenOn), textArg(photo.author), photo.identifiablePeople ? 1 : 0,
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
    Status done = editExistingRow(
        db, m_audit, &reportUuid, [&] { return editableOwner(photoOwner(photo.uuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            auto updated = execSql(
                db,
                QStringLiteral("UPDATE photos SET caption = ?, taken_on = ?, author = ?, identifiable = ?, "
                               "authorization = ?, updated_at = ? WHERE uuid = ?"),
                {textArg(photo.caption), dateArg(photo.takenOn), textArg(photo.author),
                 photo.identifiablePeople ? 1 : 0, photo.authorizationOnFile ? 1 : 0,
                 storeTimestamp(m_clock.now()), photo.uuid});
            if (!updated)
                return updated.error();
            return AuditRow{QStringLiteral("photo"), photo.uuid, QStringLiteral("update"),
                            QJsonObject{{QStringLiteral("action"), owner.actionUuid}}};
        });
    notify(done, reportUuid);
    return done;
}

Status ReportService::removePhoto(const QString &photoUuid)
{
    const QSqlDatabase db = m_database.db();
    QString reportUuid;
    Status done = editExistingRow(
        db, m_audit, &reportUuid, [&] { return editableOwner(photoOwner(photoUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            if (auto d = execSql(db, QStringLiteral("DELETE FROM photos WHERE uuid = ?"), {photoUuid}); !d)
                return d.error();
            if (Status s = closeGap(Siblings::PhotosOfAction, owner.actionUuid, owner.position); !s)
                return s.error();
            return AuditRow{QStringLiteral("photo"), photoUuid, QStringLiteral("remove"),
                            QJsonObject{{QStringLiteral("action"), owner.actionUuid}}};
        });
    notify(done, reportUuid);
    return done;
}

Status ReportService::movePhoto(const QString &photoUuid, int newPosition)
{
    QString reportUuid;
    bool moved = false;
    Status done = editExistingRow(
        m_database.db(), m_audit, &reportUuid, [&] { return editableOwner(photoOwner(photoUuid)); },
        [this](const QString &report) { return touch(report); },
        [&](const Owner &owner) -> Result<AuditRow> {
            const int old = owner.position;
            auto shifted =
                moveWithin(Siblings::PhotosOfAction, owner.actionUuid, photoUuid, old, newPosition);
            if (!shifted)
                return shifted.error();
            if (!shifted.value())
                return AuditRow::unchanged();
            moved = true;
            return AuditRow{QStringLiteral("photo"), photoUuid, QStringLiteral("move"),
                            QJsonObject{{QStringLiteral("action"), owner.actionUuid},
                                        {QStringLiteral("from"), old},
                                        {QStringLiteral("to"), newPosition}}};
        });
    notify(moved ? done : Status(Error{}), reportUuid);
    return done;
}

} // namespace mobiliza::core
