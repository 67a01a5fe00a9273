#include "core/panel/panel_job.h"

#include "core/panel/own_panel.h"
#include "core/panel/panel_query_p.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace mobiliza::core {

PanelJob::PanelJob(QString dataDir, const Clock &clock, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_clock(clock)
{
    connect(&m_watcher, &QFutureWatcher<Answer>::finished, this, &PanelJob::onFinished);
    connect(&m_keepWatcher, &QFutureWatcher<Answer>::finished, this, &PanelJob::onKept);
    m_keepTimer.setSingleShot(true);
    connect(&m_keepTimer, &QTimer::timeout, this, &PanelJob::startKeeping);
}

PanelJob::~PanelJob()
{
    m_keepTimer.stop();
    m_watcher.disconnect(this);
    m_keepWatcher.disconnect(this);
    if (m_running)
        m_watcher.waitForFinished();
    if (m_keeping)
        m_keepWatcher.waitForFinished();
}

namespace {

// The panel's services over a connection of the worker thread's own, closed when it
// ends; only reads (the temp table of the picked revisions aside), so no set-up of the
// profile. Calls `work(database, localStates)`.
template <typename Work> auto withReader(const QString &dataDir, const Clock &clock, Work &&work)
{
    auto database = Database::open(dataDir);
    if (!database)
        return decltype(work(*database.value(), QHash<QString, QString>{}))(database.error());
    Notifier quiet; // nothing is written here
    BlobStore blobs(QDir(dataDir).filePath(QStringLiteral("blobs")));
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    ReviewOutbox reviews(*database.value(), quiet, clock, replica);
    return work(*database.value(), reviews.localStates());
}

// The filter of the whole range `request` offers, counted its way.
PanelFilter offeredFilter(const PanelRequest &request)
{
    PanelFilter offered = request.filter;
    offered.from = request.offeredFrom;
    offered.to = request.offeredTo.isValid() ? request.offeredTo : request.filter.to;
    offered.theme.clear();
    offered.format.clear();
    offered.municipalities.clear();
    return offered;
}

} // namespace

void PanelJob::request(const PanelRequest &request)
{
    m_pending = request;
    if (!m_running)
        startNext();
}

bool PanelJob::waitsForKeeping(const PanelRequest &request) const
{
    // What the read ahead will hold — of this replica, counted the same way — that the
    // kept inputs do not hold yet, and a long range of it: reading it twice would only
    // make both slower. A short range costs less read beside it than waited for.
    if (!m_keeping || !m_keepRequest || request.own || m_keepingGeneration != m_generation)
        return false;
    const auto sameScope = [](const QList<Municipality> &a, const QList<Municipality> &b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](const Municipality &x, const Municipality &y) { return x.ibge == y.ibge; });
    };
    if (request.program.id() != m_keepRequest->program.id() ||
        !sameScope(request.scope, m_keepRequest->scope) ||
        request.filter.includeReceived != m_keepingFilter.includeReceived)
        return false;
    if (request.filter.from < m_keepingFilter.from || m_keepingFilter.to < request.filter.to)
        return false;
    if (m_cache && panelCacheHoldsRange(*m_cache, request.filter))
        return false;
    return panel_detail::monthsBetween(panel_detail::panelInputsFrom(request.filter), request.filter.to) + 1 >
           kShortReadMonths;
}

void PanelJob::startNext()
{
    if (!m_pending || waitsForKeeping(*m_pending))
        return;
    const PanelRequest request = *m_pending;
    m_pending.reset();
    m_running = true;
    m_runningRequest = request;
    m_runningGeneration = m_generation;
    m_watcher.setFuture(QtConcurrent::run([dataDir = m_dataDir, clock = &m_clock, request,
                                           cache = m_cache]() mutable -> Answer {
        if (request.own) {
            auto database = Database::open(dataDir);
            if (!database)
                return {database.error(), cache};
            return {computeOwnPanel(*database.value(), request.program, *request.own, request.filter), cache};
        }
        bool read = false;
        auto data =
            withReader(dataDir, *clock, [&](Database &database, const QHash<QString, QString> &local) {
                return computePanelCached(database, request.program, request.scope, request.filter, local,
                                          cache, &read);
            });
        return {std::move(data), cache, read};
    }));
}

void PanelJob::planKeeping(const PanelRequest &request)
{
    m_keepRequest = request;
    if (m_keeping)
        return; // the running one ends first; the next read plans again
    // A replica that just changed may change again (a pull): wait until it is quiet.
    const qint64 since = m_sinceInvalidated.isValid() ? m_sinceInvalidated.elapsed() : kQuietMs;
    if (since < kQuietMs)
        m_keepTimer.start(int(kQuietMs - since));
    else
        startKeeping();
}

void PanelJob::startKeeping()
{
    if (m_keeping || !m_keepRequest)
        return;
    const PanelFilter offered = offeredFilter(*m_keepRequest);
    if (m_cache && panelCacheHoldsRange(*m_cache, offered))
        return;
    m_keeping = true;
    m_keepingFilter = offered;
    m_keepingGeneration = m_generation;
    m_keepWatcher.setFuture(
        QtConcurrent::run([dataDir = m_dataDir, clock = &m_clock, request = *m_keepRequest, offered,
                           cache = m_cache]() mutable -> Answer {
            Status read =
                withReader(dataDir, *clock, [&](Database &database, const QHash<QString, QString> &local) {
                    return keepPanelInputs(database, request.program, request.scope, offered, local, cache);
                });
            if (!read)
                return {read.error(), cache};
            return {PanelData{}, cache, true};
        }));
}

void PanelJob::invalidate()
{
    ++m_generation;
    m_cache.reset();
    m_keepTimer.stop();
    m_sinceInvalidated.start();
}

void PanelJob::onFinished()
{
    m_running = false;
    Answer answer = m_watcher.result();
    const PanelRequest request = m_runningRequest;
    m_lastAnswerRead = answer.read;
    // What it read stays for the next filter, unless the replica changed meanwhile, or
    // what is kept (the read ahead, ended meanwhile) counts the same way and holds it.
    if (m_runningGeneration == m_generation && answer.data && answer.read && answer.cache) {
        const bool keptHolds = m_cache && panelCachesCountAlike(*m_cache, *answer.cache) &&
                               panelCacheHoldsRange(*m_cache, request.filter);
        if (!keptHolds)
            m_cache = answer.cache;
        // The rest of the offered range is read next, in the background.
        if (!request.own && request.offeredFrom.isValid() &&
            !panelCacheHoldsRange(*m_cache, offeredFilter(request)))
            planKeeping(request);
    }
    const Result<PanelData> &result = answer.data;
    // The person changed the filter meanwhile: this answer is of no use. A refresh
    // of the same filter (the replica changed) still shows what it has.
    const bool stale = m_pending && !(m_pending->filter == request.filter);
    startNext();
    if (stale)
        return;
    if (result)
        Q_EMIT ready(result.value());
    else
        Q_EMIT failed(result.error().message);
}

void PanelJob::onKept()
{
    m_keeping = false;
    Answer answer = m_keepWatcher.result();
    // A failed read ahead says nothing: the next request reads what it needs. A result
    // of a replica since changed, or of another way of counting than what is now kept
    // (the person switched it meanwhile), is dropped.
    if (m_keepingGeneration == m_generation && answer.data && answer.cache &&
        (!m_cache || panelCachesCountAlike(*m_cache, *answer.cache)))
        m_cache = answer.cache;
    if (!m_running)
        startNext();
    Q_EMIT kept();
}

} // namespace mobiliza::core
