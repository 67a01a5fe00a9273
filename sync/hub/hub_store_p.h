// Shared by the hub_store*.cpp files (not part of the hub's API): the SQL
// helpers that run a statement on either driver, and HubStore's transaction
// wrapper.
#pragma once

#include "core/store/sql.h"
#include "core/util/result.h"
#include "sync/hub/hub_store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <functional>

namespace mobiliza::hub {

namespace store_detail {

// core's helpers run a statement without arguments directly, which QPSQL
// needs for DDL, BEGIN and LOCK (it prepares through "PREPARE … AS").
using core::execSql;
using core::runSql;
using core::scalarSql;
using core::stringsSql;

// " AND <column> IN (?, ?, …)" for `values`, appending them to `args`.
inline QString andIn(const QString &column, const QStringList &values, QVariantList *args)
{
    QStringList marks;
    for (const QString &v : values) {
        marks << QStringLiteral("?");
        *args << v;
    }
    return QStringLiteral(" AND ") + column + QStringLiteral(" IN (") + marks.join(QStringLiteral(", ")) +
           QLatin1Char(')');
}

// Forward-only migrations (hub_store_schema.cpp). {ID} and {BYTES} are replaced per
// driver (forDriver). Never edit a released migration: append a new one. `fill`
// (optional) runs after the statements, in the same transaction (data the SQL alone
// cannot derive).
struct HubMigration
{
    int version;
    QStringList statements;
    std::function<core::Status(const QSqlDatabase &)> fill = {};
};
QList<HubMigration> hubMigrations();
QString forDriver(QString sql, bool postgres);

} // namespace store_detail

template <typename F> auto HubStore::inTransaction(F &&work) const -> decltype(work())
{
    using R = decltype(work());
    if (core::Status started = begin(); !started)
        return R(started.error());
    R result = work();
    if (!result.ok()) {
        rollback();
        return result;
    }
    if (core::Status committed = commit(); !committed)
        return R(committed.error());
    return result;
}

} // namespace mobiliza::hub
