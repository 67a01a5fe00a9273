#include "sync/hub/hub_store_p.h"

#include "core/store/sql.h"

#include <QSqlError>

namespace mobiliza::hub::store_detail {

using core::Result;

Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    if (!args.isEmpty())
        return core::runSql(db, sql, args);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return core::storeError(query.lastError());
    return Result<QSqlQuery>(std::move(query));
}

Result<int> execSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto query = runSql(db, sql, args);
    if (!query)
        return query.error();
    const int affected = query.value().numRowsAffected();
    query.value().finish();
    return affected;
}

Result<QVariant> scalarSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto query = runSql(db, sql, args);
    if (!query)
        return query.error();
    QVariant value;
    if (query.value().next())
        value = query.value().value(0);
    query.value().finish();
    return value;
}

} // namespace mobiliza::hub::store_detail
