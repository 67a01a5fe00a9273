#include "core/panel/panel_job.h"

#include "core/panel/own_panel.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::core {

PanelJob::PanelJob(QString dataDir, const Clock &clock, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_clock(clock)
{
    connect(&m_watcher, &QFutureWatcher<Answer>::finished, this, &PanelJob::onFinished);
    connect(&m_keepWatcher, &QFutureWatcher<Answer>::finished, this, &PanelJob::onKept);
}

PanelJob::~PanelJob()
{
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
    // What the background read will hold, counted the same way, that the kept inputs
    // do not hold yet: reading it twice would only make both slower.
    if (!m_keeping || request.own || request.filter.includeReceived != m_keepingFilter.includeReceived)
        return false;
    if (request.filter.from < m_keepingFilter.from || m_keepingFilter.to < request.filter.to)
        return false;
    return !m_cache || !panelCacheHoldsRange(*m_cache, request.filter);
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
        auto data =
            withReader(dataDir, *clock, [&](Database &database, const QHash<QString, QString> &local) {
                return computePanelCached(database, request.program, request.scope, request.filter, local,
                                          cache);
            });
        return {std::move(data), cache};
    }));
}

void PanelJob::startKeeping(const PanelRequest &request)
{
    m_keeping = true;
    m_keepingFilter = offeredFilter(request);
    m_keepingGeneration = m_generation;
    m_keepWatcher.setFuture(
        QtConcurrent::run([dataDir = m_dataDir, clock = &m_clock, request, offered = m_keepingFilter,
                           cache = m_cache]() mutable -> Answer {
            Status read =
                withReader(dataDir, *clock, [&](Database &database, const QHash<QString, QString> &local) {
                    return keepPanelInputs(database, request.program, request.scope, offered, local, cache);
                });
            if (!read)
                return {read.error(), cache};
            return {PanelData{}, cache};
        }));
}

void PanelJob::invalidate()
{
    ++m_generation;
    m_cache.reset();
}

void PanelJob::onFinished()
{
    m_running = false;
    Answer answer = m_watcher.result();
    const PanelRequest request = m_runningRequest;
    // What it read stays for the next filter, unless the replica changed meanwhile.
    const bool current = m_runningGeneration == m_generation && answer.data;
    if (current)
        m_cache = answer.cache;
    m_lastAnswerRead = answer.cache && panelCacheWasRead(*answer.cache);
    // It read: the rest of the offered range is read next, in the background.
    if (current && !m_keeping && !request.own && request.offeredFrom.isValid() && m_cache &&
        panelCacheWasRead(*m_cache) && !panelCacheHoldsRange(*m_cache, offeredFilter(request)))
        startKeeping(request);
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
    // A failed background read says nothing: the next request reads what it needs.
    if (m_keepingGeneration == m_generation && answer.data)
        m_cache = answer.cache;
    if (!m_running)
        startNext();
    Q_EMIT kept();
}

} // namespace mobiliza::core
