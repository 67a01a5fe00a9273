// Step 3b of a URS pass (regional_steps.h): the history threads (docs/protocol.md
// §10.3, GET /reports/<uuid>/history) of the reports whose listing changed since
// their history arrived — the newest month's and those the reviewer opened —
// kept in the profile (core::ReportHistory) so the report view shows them offline.
#include "core/regional/report_history.h"
#include "core/services/services.h"
#include "sync/client/regional_steps.h"

#include <QCoreApplication>

namespace mobiliza::sync {

namespace {

core::HistoryEntry toCore(const HistoryEvent &e)
{
    core::HistoryEntry h;
    h.cursor = e.cursor;
    h.revision = e.revision;
    h.state = e.state;
    h.decision = e.decision;
    h.comment = e.comment;
    for (const ReviewNote &n : e.notes)
        h.notes << core::ReviewNote{n.action, n.photo, n.text};
    h.by = e.by;
    h.installation = e.installation;
    h.at = e.at;
    return h;
}

} // namespace

void RegionalSteps::startHistories()
{
    m_histories.clear();
    if (auto stale = core::ReportHistory(m_services).stale(); stale)
        for (const core::StaleHistory &s : stale.value())
            m_histories << qMakePair(s.report, s.listedCursor);
    else
        localProblem(stale.error().message);
    m_index = 0;
    if (!m_histories.isEmpty())
        Q_EMIT stepChanged(QCoreApplication::translate("RegionalSteps", "Receiving the history of the reports"));
    nextHistory();
}

void RegionalSteps::nextHistory()
{
    if (m_index >= m_histories.size()) {
        startPhotos();
        return;
    }
    const auto [report, listed] = m_histories.at(m_index++);
    m_client.getHistory(report, [this, report = report, listed = listed, run = m_run](HubResult<QList<HistoryEvent>> r) {
        if (!current(run))
            return;
        core::ReportHistory history(m_services);
        if (!r) {
            if (r.error().httpStatus == 404) {
                // Not this URS's any more, or an import the hub has not taken:
                // asked again only when the listing changes.
                if (core::Status s = history.markUnavailable(report, listed); !s)
                    localProblem(s.error().message);
                nextHistory();
                return;
            }
            if (waitAndRetry(r.error(), [this] {
                    --m_index;
                    nextHistory();
                }))
                return;
            const bool badBody = r.error().kind == HubError::Kind::NotHub && r.error().httpStatus == 200;
            if (r.error().stopsPass() && !badBody) {
                stop(r.error());
                return;
            }
            localProblem(badBody ? QCoreApplication::translate("RegionalSteps",
                                                               "The hub sent a report history that could not be read; "
                                                               "it is asked for again at the next synchronization.")
                                 : r.error().message);
            nextHistory();
            return;
        }
        QList<core::HistoryEntry> events;
        for (const HistoryEvent &e : r.value())
            events << toCore(e);
        if (core::Status s = history.store(report, listed, events); !s)
            localProblem(s.error().message);
        else
            ++m_counts.historiesFetched;
        nextHistory();
    });
}

} // namespace mobiliza::sync
