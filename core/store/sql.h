// Small helpers to run SQL through QtSql with Result<> error handling.
// Only core/store and core/services include this: no SQL anywhere else.
#pragma once

#include "core/util/result.h"

#include <QDate>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

namespace mobiliza::core {

// What kind of failure a driver error is: the person is told "disk full", "in
// use by another program" or "damaged" only when that is what happened.
enum class StoreFailure { Other, DiskFull, Busy, Damaged };
StoreFailure storeFailure(const QSqlError &error);

// The store failed: code "disk_full", "busy", "damaged" or (anything else)
// "database", with the driver's text in the message.
Error storeError(const QSqlError &error);
// "The disk is full …": also for file writes outside SQL (blobs, exports).
Error diskFullError(const QString &detail);

// Prepares `sql`, binds `args` positionally (?), executes it. On success the
// query is active (iterate with next() for SELECTs).
Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});

// Runs a statement that changes rows; returns numRowsAffected().
Result<int> execSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});

// The first column of the first row, or an invalid QVariant when there is no row.
Result<QVariant> scalarSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});

// The first column of every row, as text.
Result<QStringList> stringsSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});

// QSQLITE binds a null QString as SQL NULL: use textArg() for NOT NULL text
// columns ('' for a null string) and nullIfEmpty() for optional ones.
QVariant textArg(const QString &text);
QVariant nullIfEmpty(const QString &text);
// An optional date column: yyyy-MM-dd, or NULL for an invalid date.
QVariant dateArg(const QDate &date);

} // namespace mobiliza::core
