#include "sync/client/regional_partners_step.h"

#include "core/regional/region_partners.h"
#include "sync/client/regional_steps.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

namespace mobiliza::sync {

Q_LOGGING_CATEGORY(lcRegionalPartners, "mobiliza.sync.partners")

namespace {

constexpr int kMaxWaitSeconds = 30;     // one wait
constexpr int kMaxWaitedSeconds = 5 * 60; // the whole step

} // namespace

RegionalPartnersStep::RegionalPartnersStep(core::Services &services, HubClient &client, int pageSize, Done done,
                                           QObject *parent)
    : QObject(parent), m_services(services), m_client(client), m_pageSize(std::max(1, pageSize)),
      m_done(std::move(done))
{
}

void RegionalPartnersStep::run(RegionalSteps &steps, core::Services &services, HubClient &client, Done done)
{
    if (!client.hubFeatures().contains(QLatin1String(kFeature))) {
        done(std::nullopt, {}); // an older hub: nothing to ask for
        return;
    }
    Q_EMIT steps.stepChanged(
        QCoreApplication::translate("RegionalSteps", "Receiving the partners of the municipalities"));
    auto *step = new RegionalPartnersStep(services, client, steps.pageSize(), std::move(done), &steps);
    step->nextPage();
}

void RegionalPartnersStep::finish(std::optional<HubError> stoppedBy, const QString &problem)
{
    qCDebug(lcRegionalPartners) << "partners received:" << m_pulled;
    Done done = std::move(m_done);
    deleteLater();
    if (done)
        done(std::move(stoppedBy), problem);
}

void RegionalPartnersStep::nextPage()
{
    core::RegionPartners copy(m_services);
    const qint64 since = copy.cursor();
    m_client.pullPartners(since, m_pageSize, [this, since](HubResult<RegionPartnerPage> r) {
        if (!r) {
            const HubError &e = r.error();
            if (e.kind == HubError::Kind::RateLimited && e.retryAfterSeconds <= kMaxWaitSeconds
                && m_waitedSeconds + e.retryAfterSeconds <= kMaxWaitedSeconds) {
                const int seconds = std::max(1, e.retryAfterSeconds);
                m_waitedSeconds += seconds;
                QTimer::singleShot(seconds * 1000, this, &RegionalPartnersStep::nextPage);
                return;
            }
            // The hub offered the route in its pre-flight but refuses it now (a scope
            // being changed): the partners wait for the next pass, the rest stands.
            const bool refusedHere = e.httpStatus == 403 || e.httpStatus == 404;
            if (refusedHere || !e.stopsPass()) {
                finish(std::nullopt, e.message);
                return;
            }
            finish(e);
            return;
        }
        const qint64 next = std::max(since, r->next);
        if (core::Status s = core::RegionPartners(m_services).applyPulled(r->partners, next); !s) {
            finish(std::nullopt, s.error().message);
            return;
        }
        m_pulled += int(r->partners.size());
        if (r->partners.size() >= m_pageSize && next > since) {
            nextPage(); // more pages
            return;
        }
        finish(std::nullopt);
    });
}

} // namespace mobiliza::sync
