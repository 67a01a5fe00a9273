// ReportService: reading the notes of the review that returned a report (the
// municipality's editor shows each beside the action or photo it points at).
#include "core/services/report_service.h"

#include "core/services/audit.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"

namespace mobiliza::core {

Result<ReturnNotes> ReportService::returnNotes(const QString &reportUuid) const
{
    const QSqlDatabase db = m_database.db();
    auto current = runSql(db, QStringLiteral("SELECT state, revision FROM reports WHERE uuid = ?"), {reportUuid});
    if (!current)
        return current.error();
    if (!current.value().next())
        return service_errors::reportNotFound();
    const QString state = current.value().value(0).toString();
    const int revision = current.value().value(1).toInt();
    current.value().finish();

    ReturnNotes result;
    auto q = runSql(db,
                    QStringLiteral("SELECT revision, action_uuid, photo_uuid, text, reviewer, at "
                                   "FROM review_notes WHERE report_uuid = ? ORDER BY position"),
                    {reportUuid});
    if (!q)
        return q.error();
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        const int reviewed = r.value(0).toInt();
        // The returned revision itself, or the correction that followed it.
        const bool returnedNow = reviewed == revision && state == reportStateKey(ReportState::Returned);
        if (!returnedNow && reviewed != revision - 1)
            continue;
        result.revision = reviewed;
        result.by = r.value(4).toString();
        result.at = parseStoreTimestamp(r.value(5).toString());
        result.notes << ReviewNote{r.value(1).toString(), r.value(2).toString(), r.value(3).toString()};
    }
    return result;
}

} // namespace mobiliza::core
