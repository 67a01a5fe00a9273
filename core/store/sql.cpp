#include "core/store/sql.h"

#include <QCoreApplication>

namespace mobiliza::core {

Error storeError(const QSqlError &error)
{
    QString detail = error.text().trimmed();
    if (detail.isEmpty())
        detail = error.nativeErrorCode();
    return Error{QStringLiteral("database"),
                 QCoreApplication::translate(
                     "Database",
                     "The data could not be saved or read (%1). Nothing was changed. Try again; if it "
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

QVariant textArg(const QString &text)
{
    return text.isNull() ? QVariant(QString::fromLatin1("", 0)) : QVariant(text);
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

} // namespace mobiliza::core
