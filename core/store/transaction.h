// RAII write transaction: BEGIN IMMEDIATE on construction, ROLLBACK on
// destruction unless commit() succeeded.
//
// BEGIN IMMEDIATE takes the write lock up front, so two connections never
// deadlock upgrading a read transaction; a busy database waits up to the busy
// timeout set by Database.
#pragma once

#include "core/util/result.h"

#include <QSqlDatabase>

#include <type_traits>
#include <utility>

namespace mobiliza::core {

class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    const Error &error() const { return m_error; } // why BEGIN failed
    Status commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    Error m_error;
};

// Runs `work` (returning Status or Result<T>) in one transaction: commits when
// it succeeds, rolls everything back when it returns an error or commit fails.
template <typename F> auto inTransaction(const QSqlDatabase &db, F &&work) -> std::invoke_result_t<F>
{
    using R = std::invoke_result_t<F>;
    Transaction tx(db);
    if (!tx.isActive())
        return R(tx.error());
    R result = std::forward<F>(work)();
    if (!result.ok())
        return result; // ~Transaction rolls back
    if (Status committed = tx.commit(); !committed.ok())
        return R(committed.error());
    return result;
}

} // namespace mobiliza::core
