// The discipline the URS's outgoing queues share (review decisions, imported
// packages, batches): one row per item with `state`, `attempts`,
// `next_attempt_at`, `last_error` and `updated_at`; every change is one
// transaction and emits Notifier::replicaChanged(). A failure backs off like the
// municipal outbox (OutboxService::backoffSeconds).
#pragma once

#include "core/util/result.h"

#include <QString>
#include <QVariantList>

namespace mobiliza::core {

class Clock;
class Database;
class Notifier;

// Whether a pass waits for an item's next attempt (automatic) or not (asked for).
enum class Backoff
{
    Respect,
    Ignore
};

class QueueTable
{
public:
    QueueTable(Database &database, Notifier &notifier, const Clock &clock, QString table, QString keyColumn);

    // UPDATE <table> SET <set>, updated_at = now WHERE <key> = key.
    Status update(const QString &key, const QString &set, const QVariantList &args = {});
    Status markSending(const QString &key);
    Status markQueued(const QString &key); // back in the queue, no attempt counted
    Status markFailed(const QString &key, const QString &message, double random01);
    // Rows in these states (comma-separated SQL literals, e.g. "'queued', 'sending'").
    int count(const QString &statesSql) const;
    // "WHERE state = 'sending' OR (state = 'queued' AND next attempt due)": what a pass sends.
    // A pass the person asked for ("Synchronize now", --pull) sends every queued item:
    // backing off governs only the automatic passes.
    QString dueCondition(Backoff backoff = Backoff::Respect) const;
    QVariantList dueArgs(Backoff backoff = Backoff::Respect) const; // the bind values of dueCondition()

private:
    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    QString m_table;
    QString m_key;
};

} // namespace mobiliza::core
