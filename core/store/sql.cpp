#include "core/store/sql.h"

#include <QCoreApplication>
#include <QSqlRecord>

namespace mobiliza::core {

StoreFailure storeFailure(const QSqlError &error)
{
    // QSQLITE reports the SQLite result code (primary, or extended: the low byte
    // is the primary one); QPSQL reports the SQLSTATE.
    const QString native = error.nativeErrorCode();
    bool numeric = false;
    const int code = native.toInt(&numeric);
    if (numeric && !native.startsWith(QLatin1Char('0')) && native.size() < 5) {
        switch (code & 0xff) {
        case 13: // SQLITE_FULL
            return StoreFailure::DiskFull;
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return StoreFailure::Busy;
        case 11: // SQLITE_CORRUPT
        case 26: // SQLITE_NOTADB
            return StoreFailure::Damaged;
        default:
            break;
        }
    }
    if (native == QLatin1String("53100")) // PostgreSQL disk_full
        return StoreFailure::DiskFull;
    if (native == QLatin1String("55P03") || native == QLatin1String("40P01"))
        return StoreFailure::Busy;
    const QString text = error.text();
    if (text.contains(QLatin1String("database or disk is full")) ||
        text.contains(QLatin1String("No space left on device")))
        return StoreFailure::DiskFull;
    if (text.contains(QLatin1String("database is locked")))
        return StoreFailure::Busy;
    if (text.contains(QLatin1String("malformed")) || text.contains(QLatin1String("not a database")))
        return StoreFailure::Damaged;
    return StoreFailure::Other;
}

Error diskFullError(const QString &detail)
{
    return Error{QStringLiteral("disk_full"),
                 QCoreApplication::translate(
                     "Database",
                     "The disk is full, so Mobiliza could not save (%1). What was saved before is intact. "
                     "Free some space on the disk (empty the trash, move or delete files you no longer "
                     "need) and try again.")
                     .arg(detail)};
}

Error storeError(const QSqlError &error)
{
    QString detail = error.text().trimmed();
    if (detail.isEmpty())
        detail = error.nativeErrorCode();
    switch (storeFailure(error)) {
    case StoreFailure::DiskFull:
        return diskFullError(detail);
    case StoreFailure::Busy:
        return Error{QStringLiteral("busy"),
                     QCoreApplication::translate(
                         "Database",
                         "The data is in use by another Mobiliza window or program and could not be read "
                         "or saved (%1). Close the other Mobiliza and try again.")
                         .arg(detail)};
    case StoreFailure::Damaged:
        return Error{QStringLiteral("damaged"),
                     QCoreApplication::translate(
                         "Database",
                         "The database is damaged and could not be read (%1). Do not delete anything: "
                         "copy the data folder to a safe place and contact the support team, who can "
                         "restore it from a backup copy.")
                         .arg(detail)};
    case StoreFailure::Other:
        break;
    }
    return Error{QStringLiteral("database"),
                 QCoreApplication::translate(
                     "Database",
                     "The data could not be saved or read (%1). Try again; if it "
                     "keeps happening, check the free space on the disk.")
                     .arg(detail)};
}

Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Without arguments the statement runs as it is: PostgreSQL (QPSQL prepares
    // through PREPARE … AS) refuses to prepare DDL, BEGIN and LOCK.
    if (args.isEmpty()) {
        if (!query.exec(sql))
            return storeError(query.lastError());
        return Result<QSqlQuery>(std::move(query));
    }
    if (!query.prepare(sql))
        return storeError(query.lastError());
    for (const QVariant &arg : args)
        query.addBindValue(arg);
    if (!query.exec())
        return storeError(query.lastError());
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

Result<QSqlQuery *> StatementCache::run(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    if (args.isEmpty()) {
        auto q = runSql(db, sql);
        if (!q)
            return q.error();
        m_uncached = std::move(q.value());
        return &m_uncached;
    }
    auto it = m_queries.find(sql);
    if (it == m_queries.end()) {
        if (m_queries.size() >= size_t(kMaxStatements))
            m_queries.clear();
        auto query = std::make_unique<QSqlQuery>(db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return storeError(query->lastError());
        ++m_prepares;
        it = m_queries.emplace(sql, std::move(query)).first;
    }
    QSqlQuery &query = *it->second;
    for (qsizetype i = 0; i < args.size(); ++i)
        query.bindValue(int(i), args.at(i));
    if (!query.exec()) {
        const Error e = storeError(query.lastError());
        m_queries.erase(it); // prepared again next time (a reconnection loses the server's copy)
        return e;
    }
    return &query;
}

Result<int> StatementCache::exec(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto q = run(db, sql, args);
    if (!q)
        return q.error();
    const int affected = q.value()->numRowsAffected();
    q.value()->finish();
    return affected;
}

Result<QVariant> StatementCache::scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto q = run(db, sql, args);
    if (!q)
        return q.error();
    QVariant value;
    if (q.value()->next())
        value = q.value()->value(0);
    q.value()->finish();
    return value;
}

Result<QStringList> StatementCache::strings(const QSqlDatabase &db, const QString &sql,
                                            const QVariantList &args)
{
    auto q = run(db, sql, args);
    if (!q)
        return q.error();
    QStringList out;
    while (q.value()->next())
        out << q.value()->value(0).toString();
    q.value()->finish();
    return out;
}

Result<QList<QVariantList>> StatementCache::rows(const QSqlDatabase &db, const QString &sql,
                                                 const QVariantList &args)
{
    auto q = run(db, sql, args);
    if (!q)
        return q.error();
    QList<QVariantList> out;
    const int columns = q.value()->record().count();
    while (q.value()->next()) {
        QVariantList row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row << q.value()->value(c);
        out << row;
    }
    q.value()->finish();
    return out;
}

QVariant textArg(const QString &text)
{
    return text.isNull() ? QVariant(QString::fromLatin1("", 0)) : QVariant(text);
}

Result<QStringList> stringsSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto q = runSql(db, sql, args);
    if (!q)
        return q.error();
    QStringList out;
    while (q.value().next())
        out << q.value().value(0).toString();
    return out;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant dateArg(const QDate &date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant();
}

} // namespace mobiliza::core
