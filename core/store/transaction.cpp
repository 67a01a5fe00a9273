#include "core/store/transaction.h"

#include "core/store/sql.h"

#include <QLoggingCategory>
#include <QSqlQuery>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcTransaction, "mobiliza.store.transaction")

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db))
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        m_active = true;
    else
        m_error = storeError(query.lastError());
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return m_error.code.isEmpty() ? storeError(QSqlError()) : m_error;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const Error error = storeError(query.lastError());
        rollback();
        return error;
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcTransaction) << "rollback failed:" << query.lastError().text();
}

} // namespace mobiliza::core
