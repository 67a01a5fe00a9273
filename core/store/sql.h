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

#include <memory>
#include <unordered_map>

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

// Prepared statements kept for one connection and reused by their SQL text: a
// statement is prepared once (PostgreSQL: one PREPARE, not a PREPARE, EXECUTE and
// DEALLOCATE a call; SQLite: one sqlite3_prepare), then only bound and executed.
// Every method finishes its query before it returns, so no caller holds a cached
// query while it runs again. Statements without arguments (DDL, BEGIN, LOCK) are
// not cached. One cache per connection, used on that connection's thread; clear()
// before the connection closes. A failed statement is dropped (prepared again next
// time). Holds at most kMaxStatements (then starts over).
class StatementCache
{
public:
    static constexpr int kMaxStatements = 256;

    Result<int> exec(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});
    Result<QVariant> scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});
    Result<QStringList> strings(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {});
    // Every row, each as its columns' values.
    Result<QList<QVariantList>> rows(const QSqlDatabase &db, const QString &sql,
                                     const QVariantList &args = {});
    void clear() { m_queries.clear(); }
    int size() const { return int(m_queries.size()); }
    int prepares() const { return m_prepares; } // statements prepared so far (for the tests)

private:
    // The executed query (cached, or a fresh one for a statement without arguments).
    Result<QSqlQuery *> run(const QSqlDatabase &db, const QString &sql, const QVariantList &args);

    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_queries; // QSqlQuery is move-only
    QSqlQuery m_uncached;
    int m_prepares = 0;
};

// QSQLITE binds a null QString as SQL NULL: use textArg() for NOT NULL text
// columns ('' for a null string) and nullIfEmpty() for optional ones.
QVariant textArg(const QString &text);
QVariant nullIfEmpty(const QString &text);
// An optional date column: yyyy-MM-dd, or NULL for an invalid date.
QVariant dateArg(const QDate &date);

} // namespace mobiliza::core
