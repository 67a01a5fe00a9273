// Token-bucket rate limiter keyed by a string (a token id, a remote address).
// Each key holds up to `burst` requests and regains `ratePerSecond`; a request
// that finds the bucket empty is refused with the seconds until one is back.
// Thread-safe: the hub's worker threads share one limiter per kind.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <functional>

namespace mobiliza::hub {

class RateLimiter
{
public:
    // nowMs: a monotonic clock in milliseconds (default: QElapsedTimer since construction).
    RateLimiter(double ratePerSecond, double burst, std::function<qint64()> nowMs = {});

    // True when the request may go on; otherwise *retryAfterSecs (>= 1) says when to come back.
    bool take(const QString &key, int *retryAfterSecs = nullptr);
    qsizetype size() const
    {
        QMutexLocker lock(&m_mutex);
        return m_buckets.size();
    }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 at = 0;
    };
    void prune(qint64 now);

    double m_rate;
    double m_burst;
    std::function<qint64()> m_now;
    mutable QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace mobiliza::hub
