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
    // Here, before the first page, rather than in applyPulled: the profile's reference
    // table is read when the profile opens, so the URS's municipalities change only
    // between two passes; checking once per pass keeps each page's transaction to the
    // page, and a cursor reset here brings the municipalities that joined in this pass.
    if (auto reconciled = core::RegionPartners(services).reconcileScope(); !reconciled) {
        step->finish(std::nullopt, reconciled.error().message);
        return;
    }
    step->nextPage();
}

void RegionalPartnersStep::finish(std::optional<HubError> stoppedBy, const QString &problem)
{
    qCDebug(lcRegionalPartners) << "partners received:" << m_pulled;
    QStringList problems = m_problems;
    if (m_unreadable > 0) {
        qCWarning(lcRegionalPartners) << "partners the hub listed that could not be read, left out:" << m_unreadable;
        problems << QCoreApplication::translate(
            "RegionalSteps",
            "%n partner(s) sent by the hub could not be read and are not in Partners of the region (this "
            "Mobiliza may be older than the hub). Update Mobiliza on this computer, and tell the hub's "
            "administrator if it happens again.",
            nullptr, m_unreadable);
    }
    if (!problem.isEmpty())
        problems << problem;
    Done done = std::move(m_done);
    deleteLater();
    if (done)
        done(std::move(stoppedBy), problems.join(QLatin1Char('\n')));
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
        m_unreadable += r->unreadable;
        if (core::Status s = core::RegionPartners(m_services).applyPulled(r->partners, next); !s) {
            // An erasure that could not reach a backup copy: the page is stored, the
            // message says which file still holds it; anything else stops the step.
            if (s.error().code != QLatin1String("backup_not_erased")) {
                finish(std::nullopt, s.error().message);
                return;
            }
            if (!m_problems.contains(s.error().message))
                m_problems << s.error().message;
        }
        m_pulled += int(r->partners.size());
        // More until a page brings nothing new: a page shorter than asked for is no end,
        // since the hub leaves out a partner it cannot list (its cursor still counts),
        // bounds `limit` by its own maximum, and entries this client cannot read are
        // left out here — the cost is one empty page at the end of a pass with changes.
        if (next > since) {
            nextPage();
            return;
        }
        finish(std::nullopt);
    });
}

} // namespace mobiliza::sync
