#include "core/regional/queue_table.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/outbox_service.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

namespace mobiliza::core {

QueueTable::QueueTable(Database &database, Notifier &notifier, const Clock &clock, QString table, QString keyColumn)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_table(std::move(table)), m_key(std::move(keyColumn))
{
}

Status QueueTable::update(const QString &key, const QString &set, const QVariantList &args)
{
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        QVariantList all = args;
        all << storeTimestamp(m_clock.now()) << key;
        auto changed = execSql(m_database.db(),
                               QStringLiteral("UPDATE %1 SET %2, updated_at = ? WHERE %3 = ?").arg(m_table, set, m_key),
                               all);
        if (!changed)
            return changed.error();
        return {};
    });
    if (done)
        Q_EMIT m_notifier.replicaChanged();
    return done;
}

Status QueueTable::markSending(const QString &key)
{
    return update(key, QStringLiteral("state = 'sending'"));
}

Status QueueTable::markQueued(const QString &key)
{
    return update(key, QStringLiteral("state = 'queued'"));
}

Status QueueTable::markFailed(const QString &key, const QString &message, double random01)
{
    auto attempts = scalarSql(m_database.db(),
                              QStringLiteral("SELECT attempts FROM %1 WHERE %2 = ?").arg(m_table, m_key), {key});
    const int n = (attempts && attempts.value().isValid() ? attempts.value().toInt() : 0) + 1;
    const QDateTime next = m_clock.now().addSecs(OutboxService::backoffSeconds(n, random01));
    return update(key, QStringLiteral("state = 'queued', attempts = ?, next_attempt_at = ?, last_error = ?"),
                  {n, storeTimestamp(next), textArg(message)});
}

int QueueTable::count(const QString &statesSql) const
{
    auto n = scalarSql(m_database.db(),
                       QStringLiteral("SELECT COUNT(*) FROM %1 WHERE state IN (%2)").arg(m_table, statesSql));
    return n ? n.value().toInt() : 0;
}

QString QueueTable::dueCondition(Backoff backoff) const
{
    if (backoff == Backoff::Ignore)
        return QStringLiteral("(state IN ('sending', 'queued'))");
    return QStringLiteral("(state = 'sending' OR (state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)))");
}

QVariantList QueueTable::dueArgs(Backoff backoff) const
{
    if (backoff == Backoff::Ignore)
        return {};
    return {storeTimestamp(m_clock.now())};
}

} // namespace mobiliza::core
