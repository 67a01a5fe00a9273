// SyncEngine: what a failed item does next (split from sync_engine.cpp) — set aside,
// back off, wait the moment the hub asked for, or go on after a cut that made progress;
// and which failures were the link's rather than the hub's (docs/protocol.md §9).
#include "sync/client/sync_engine.h"

#include "core/services/services.h"
#include "sync/client/sync_engine_p.h"

#include <QTimer>

#include <algorithm>

namespace mobiliza::sync {

using engine_detail::outboxError;

bool SyncEngine::failedOnTheLink(const QString &errorCode)
{
    using K = HubError::Kind;
    return errorCode == HubError::kindKey(K::Offline) || errorCode == HubError::kindKey(K::Unreachable) ||
           errorCode == HubError::kindKey(K::Timeout);
}

bool SyncEngine::waitsForHub(const core::OutboxItem &item, const QDateTime &now)
{
    return item.lastError.code == HubError::kindKey(HubError::Kind::RateLimited) &&
           item.nextAttemptAt.isValid() && now < item.nextAttemptAt;
}

void SyncEngine::itemFailed(const HubError &error)
{
    m_inItem = false;
    if (waitForHub(error) || resumeAfterCut(error))
        return;
    const QString label = itemLabel(m_current);
    if (!error.isRetryable()) {
        m_outbox.markRejected(m_current.uuid, outboxError(error));
        ++m_report.rejected;
        m_report.messages << label + QStringLiteral(": ") + error.message;
        itemDone();
        return;
    }
    QDateTime notBefore;
    if (error.retryAfterSeconds > 0)
        notBefore = m_services.clock().now().addSecs(error.retryAfterSeconds);
    m_outbox.markFailed(m_current.uuid, outboxError(error), notBefore);
    ++m_report.failed;
    m_report.messages << label + QStringLiteral(": ") + error.message;
    Q_EMIT itemFinished(m_current.uuid);
    if (error.stopsPass()) {
        finish(error);
        return;
    }
    nextItem();
}

bool SyncEngine::waitForHub(const HubError &error)
{
    // The client paces itself under the hub's limit; a 429 still comes when something
    // else shares it (nginx's limit per address, another process of this installation).
    // A short wait the hub asks for is waited here, and the same report goes on.
    static constexpr int kMaxWaitSeconds = 30;       // one wait
    static constexpr int kMaxWaitedSeconds = 5 * 60; // a whole pass
    if (error.kind != HubError::Kind::RateLimited || error.retryAfterSeconds > kMaxWaitSeconds ||
        m_rateWaitedSeconds + error.retryAfterSeconds > kMaxWaitedSeconds)
        return false;
    const int seconds = std::max(1, error.retryAfterSeconds);
    m_rateWaitedSeconds += seconds;
    // Queued again (due after the wait, should the pass end meanwhile); its photos already
    // at the hub are not sent again.
    m_outbox.markFailed(m_current.uuid, outboxError(error), m_services.clock().now().addSecs(seconds));
    retryCurrentIn(seconds);
    return true;
}

bool SyncEngine::resumeAfterCut(const HubError &error)
{
    // A municipal link that drops every connection after a while (a radio link, a
    // provider's idle cut) or goes silent: when the attempt moved the report forward
    // (the hub stored photos), the link works between cuts. The same report goes on
    // in a moment with a new connection, from the photos the hub still lacks — not
    // after a backoff meant for a hub that cannot be reached. An attempt that stores
    // nothing falls through to the backoff, so a dead link never loops.
    static constexpr int kResumeDelaySeconds = 2;
    if ((error.kind != HubError::Kind::Unreachable && error.kind != HubError::Kind::Timeout) ||
        m_storedThisAttempt == 0)
        return false;
    const QDateTime at = m_services.clock().now().addSecs(kResumeDelaySeconds);
    if (core::Status s = m_outbox.markInterrupted(m_current.uuid, outboxError(error), at); !s)
        return false; // the store refused: the ordinary failure path says so
    ++m_report.resumed;
    retryCurrentIn(kResumeDelaySeconds);
    return true;
}

void SyncEngine::retryCurrentIn(int seconds)
{
    --m_index; // nextItem() takes it again, fresh from the outbox
    QTimer::singleShot(seconds * 1000, this, [this, generation = m_generation] {
        if (m_running && generation == m_generation)
            nextItem();
    });
}

} // namespace mobiliza::sync
