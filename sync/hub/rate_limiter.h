// Token-bucket rate limiter keyed by a string (a token id, a remote address).
// Each key holds up to `burst` requests and regains `ratePerSecond`; a request
// that finds the bucket empty is refused with the seconds until one is back.
#pragma once

#include <QHash>
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
    qsizetype size() const { return m_buckets.size(); }

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
    QHash<QString, Bucket> m_buckets;
};

} // namespace mobiliza::hub
