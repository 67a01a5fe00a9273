// ReportService: the positions of actions in a report and of photos in an
// action, kept 0..n-1 as rows go in, leave and move.
#include "core/services/report_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/report_service_p.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"

namespace mobiliza::core {

using report_detail::toStatus;

namespace {

// `sql` with {list} and {parent} naming the table and the column of its parent.
QString forList(QString sql, bool actions)
{
    sql.replace(QStringLiteral("{list}"), actions ? QStringLiteral("actions") : QStringLiteral("photos"));
    sql.replace(QStringLiteral("{parent}"),
                actions ? QStringLiteral("report_uuid") : QStringLiteral("action_uuid"));
    return sql;
}

} // namespace

Result<int> ReportService::countIn(Siblings list, const QString &parent) const
{
    auto count = scalarSql(m_database.db(),
                           forList(QStringLiteral("SELECT count(*) FROM {list} WHERE {parent} = ?"),
                                   list == Siblings::ActionsOfReport),
                           {parent});
    if (!count)
        return count.error();
    return count.value().toInt();
}

Status ReportService::openGap(Siblings list, const QString &parent, int position) const
{
    return toStatus(execSql(m_database.db(),
                            forList(QStringLiteral("UPDATE {list} SET position = position + 1 "
                                                   "WHERE {parent} = ? AND position >= ?"),
                                    list == Siblings::ActionsOfReport),
                            {parent, position}));
}

Status ReportService::closeGap(Siblings list, const QString &parent, int position) const
{
    return toStatus(execSql(m_database.db(),
                            forList(QStringLiteral("UPDATE {list} SET position = position - 1 "
                                                   "WHERE {parent} = ? AND position > ?"),
                                    list == Siblings::ActionsOfReport),
                            {parent, position}));
}

Result<bool> ReportService::moveWithin(Siblings list, const QString &parent, const QString &uuid, int from,
                                       int to) const
{
    const bool actions = list == Siblings::ActionsOfReport;
    auto count = countIn(list, parent);
    if (!count)
        return count.error();
    if (to < 0 || to >= count.value())
        return service_errors::invalidPosition(to, count.value());
    if (from == to)
        return false;
    const QString shift = to < from ? QStringLiteral("UPDATE {list} SET position = position + 1 WHERE "
                                                     "{parent} = ? AND position >= ? AND position < ?")
                                    : QStringLiteral("UPDATE {list} SET position = position - 1 WHERE "
                                                     "{parent} = ? AND position <= ? AND position > ?");
    const QSqlDatabase db = m_database.db();
    if (auto u = execSql(db, forList(shift, actions), {parent, to, from}); !u)
        return u.error();
    if (auto u = execSql(
            db,
            forList(QStringLiteral("UPDATE {list} SET position = ?, updated_at = ? WHERE uuid = ?"), actions),
            {to, storeTimestamp(m_clock.now()), uuid});
        !u)
        return u.error();
    return true;
}

} // namespace mobiliza::core
