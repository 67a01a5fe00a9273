// The client's pace (HubClient::setPace): a token bucket on the monotonic clock, so
// that a backlog stays under the hub's limit per token instead of earning its 429.
#include "sync/client/hub_client.h"

#include <algorithm>
#include <cmath>

namespace mobiliza::sync {

void HubClient::setPace(double requestsPerSecond, int burst)
{
    if (requestsPerSecond <= 0 || burst < 1)
        return;
    refillPace(); // up to now at the old pace
    m_paceRate = requestsPerSecond * 0.9;
    m_paceBurst = std::max(1.0, std::floor(burst / 2.0));
    m_paceTokens = std::min(m_paceTokens, m_paceBurst);
}

void HubClient::refillPace()
{
    const qint64 now = m_paceClock.elapsed();
    m_paceTokens = std::min(m_paceBurst, m_paceTokens + double(now - m_paceLast) / 1000.0 * m_paceRate);
    m_paceLast = now;
}

qint64 HubClient::nextTurnMs()
{
    refillPace();
    m_paceTokens -= 1; // this request's turn, taken now or reserved ahead
    if (m_paceTokens >= 0)
        return 0;
    return qint64(std::ceil(-m_paceTokens / m_paceRate * 1000.0));
}

} // namespace mobiliza::sync
