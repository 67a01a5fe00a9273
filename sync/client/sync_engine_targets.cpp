// SyncEngine: the targets step of a pass (docs/protocol.md §10.8), right after the
// pre-flight: the central level's pending edit goes up, newer published targets come down.
#include "sync/client/sync_engine.h"

#include "core/services/services.h"
#include "sync/client/sync_engine_p.h"

#include <QCoreApplication>

#include <algorithm>

namespace mobiliza::sync {

using engine_detail::stopsPartners;

void SyncEngine::afterPreflight()
{
    // The targets (§10.8) before anything else: the central level's edit goes up,
    // a newer published one comes down. Neither stops the pass unless the hub is gone.
    core::TargetsService &targets = m_services.targets();
    auto next = [this](const std::optional<HubError> &failed) {
        if (failed && stopsPartners(*failed)) {
            finish(*failed);
            return;
        }
        if (failed) {
            qCInfo(lcSyncEngine) << "targets not exchanged:" << failed->code;
            const QString m = QCoreApplication::translate("SyncEngine", "Targets: %1").arg(failed->message);
            if (!m_report.messages.contains(m))
                m_report.messages << m;
        }
        afterTargets();
    };
    if (m_hubTargets < 0) { // an older hub: no targets there
        afterTargets();
        return;
    }
    if (m_services.profile().role() == core::Role::Central && targets.pending()) {
        publishTargets(false, next);
        return;
    }
    if (m_hubTargets > targets.publishedRevision() && !targets.pending()) {
        m_client.getTargets(guarded<core::Targets>([this, next](const HubResult<core::Targets> &r) {
            if (!r)
                return next(r.error());
            auto adopted = m_services.targets().adopt(r.value());
            if (!adopted)
                return next(localError(adopted.error().message));
            m_report.targetsReceived = adopted.value();
            next(std::nullopt);
        }));
        return;
    }
    afterTargets();
}

void SyncEngine::publishTargets(bool refused, std::function<void(const std::optional<HubError> &)> next)
{
    auto prepared = m_services.targets().prepareToPublish(m_hubTargets, refused);
    if (!prepared) {
        next(localError(prepared.error().message));
        return;
    }
    const int sent = prepared->revision;
    m_client.putTargets(prepared.value(), guarded<int>([this, refused, sent, next](const HubResult<int> &r) {
                            if (!r && !refused && r.error().code == QLatin1String("stale_targets")) {
                                // The hub holds this revision with other values, or a newer one: once more,
                                // renumbered.
                                m_hubTargets = std::max(m_hubTargets, sent);
                                publishTargets(true, next);
                                return;
                            }
                            if (!r)
                                return next(r.error());
                            if (core::Status s = m_services.targets().published(r.value()); !s)
                                return next(localError(s.error().message));
                            m_report.targetsPublished = true;
                            next(std::nullopt);
                        }));
}

} // namespace mobiliza::sync
