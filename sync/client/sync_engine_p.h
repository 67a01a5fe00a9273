// Shared by sync_engine*.cpp (not part of the engine's API).
#pragma once

#include "core/services/outbox_service.h"
#include "sync/client/hub_error.h"
#include "sync/client/sync_engine.h"

#include <QLoggingCategory>

namespace mobiliza::sync {

Q_DECLARE_LOGGING_CATEGORY(lcSyncEngine)

// Wraps a callback so it is ignored once the pass it belongs to ended.
template <typename T> HubClient::Callback<T> SyncEngine::guarded(std::function<void(const HubResult<T> &)> f)
{
    const quint64 generation = m_generation;
    return [this, generation, f](HubResult<T> result) {
        if (!m_running || generation != m_generation)
            return;
        f(result);
    };
}

namespace engine_detail {

// Failures of the connection or of the hub itself (not of this partner).
bool stopsPartners(const HubError &e);
// A hub error as the outbox keeps it.
core::OutboxError outboxError(const HubError &e);

} // namespace engine_detail

} // namespace mobiliza::sync
