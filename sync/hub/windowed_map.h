// A map whose entries count for a few seconds: what a hub process remembers
// between its threads' requests to ask the database less (TokenCache,
// QuotaView). An entry is fresh from the time it was kept until `windowMs`
// later (never one kept "in the future" of the clock asked with); at
// `capacity` the stale entries go, or everything when none is stale (it is
// only a saving). Not synchronised: its owner holds the lock.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

namespace mobiliza::hub {

template <typename V> class WindowedMap
{
public:
    WindowedMap(qint64 windowMs, qsizetype capacity) : m_windowMs(windowMs), m_capacity(capacity) {}

    // The value kept for `key`, if fresh at `now`.
    const V *find(const QString &key, const QDateTime &now) const
    {
        const auto it = m_entries.constFind(key);
        return it != m_entries.cend() && fresh(*it, now) ? &it->value : nullptr;
    }
    V *find(const QString &key, const QDateTime &now)
    {
        const auto it = m_entries.find(key);
        return it != m_entries.end() && fresh(*it, now) ? &it->value : nullptr;
    }
    // Kept from `now` (replacing what `key` had).
    void keep(const QString &key, V value, const QDateTime &now)
    {
        if (m_entries.size() >= m_capacity && !m_entries.contains(key)) {
            m_entries.removeIf([&](const auto &e) { return !fresh(e.value(), now); });
            if (m_entries.size() >= m_capacity)
                m_entries.clear();
        }
        m_entries.insert(key, Entry{now, std::move(value)});
    }
    void remove(const QString &key) { m_entries.remove(key); }
    qint64 window() const { return m_windowMs; }

private:
    struct Entry
    {
        QDateTime at;
        V value;
    };
    bool fresh(const Entry &e, const QDateTime &now) const
    {
        return e.at <= now && e.at.msecsTo(now) < m_windowMs;
    }

    const qint64 m_windowMs;
    const qsizetype m_capacity;
    QHash<QString, Entry> m_entries;
};

} // namespace mobiliza::hub
