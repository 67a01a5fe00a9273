// Shared by the hub_store*.cpp files (not part of the hub's API): the SQL
// helpers that run a statement on either driver, and HubStore's transaction
// wrapper.
#pragma once

#include "core/util/result.h"
#include "sync/hub/hub_store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

namespace mobiliza::hub {

namespace store_detail {

// Like core's runSql/execSql/scalarSql, but a statement without arguments is
// executed directly: QPSQL prepares statements with "PREPARE … AS", which
// PostgreSQL refuses for DDL, BEGIN, LOCK and the like.
core::Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});
core::Result<int> execSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});
core::Result<QVariant> scalarSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});

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
