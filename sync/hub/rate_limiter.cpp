#include "sync/hub/rate_limiter.h"

#include <QElapsedTimer>

#include <cmath>
#include <memory>

namespace mobiliza::hub {

namespace {
constexpr qsizetype kPruneAbove = 10000;
}

RateLimiter::RateLimiter(double ratePerSecond, double burst, std::function<qint64()> nowMs)
    : m_rate(qMax(ratePerSecond, 1e-6)), m_burst(qMax(burst, 1.0)), m_now(std::move(nowMs))
{
    if (!m_now) {
        auto timer = std::make_shared<QElapsedTimer>();
        timer->start();
        m_now = [timer] { return timer->elapsed(); };
    }
}

bool RateLimiter::take(const QString &key, int *retryAfterSecs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_now();
    if (m_buckets.size() > kPruneAbove)
        prune(now);
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{m_burst, now});
    Bucket &b = it.value();
    b.tokens = qMin(m_burst, b.tokens + double(now - b.at) / 1000.0 * m_rate);
    b.at = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return true;
    }
    if (retryAfterSecs)
        *retryAfterSecs = qMax(1, int(std::ceil((1.0 - b.tokens) / m_rate)));
    return false;
}

void RateLimiter::prune(qint64 now)
{
    // A bucket that has filled up again holds no information: forget it.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(now - it->at) / 1000.0 * m_rate >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

} // namespace mobiliza::hub
