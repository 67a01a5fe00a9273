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
}

PanelJob::~PanelJob()
{
    if (m_running) {
        m_watcher.disconnect(this);
        m_watcher.waitForFinished();
    }
}

void PanelJob::request(const PanelRequest &request)
{
    m_pending = request;
    if (!m_running)
        startNext();
}

void PanelJob::startNext()
{
    if (!m_pending)
        return;
    const PanelRequest request = *m_pending;
    m_pending.reset();
    m_running = true;
    m_runningFilter = request.filter;
    m_runningGeneration = m_generation;
    m_watcher.setFuture(QtConcurrent::run([dataDir = m_dataDir, clock = &m_clock, request,
                                           cache = m_cache]() mutable -> Answer {
        // A connection of this thread's own, closed when it ends; only reads (the
        // temp table of the picked revisions aside), so no set-up of the profile.
        auto database = Database::open(dataDir);
        if (!database)
            return {database.error(), cache};
        if (request.own)
            return {computeOwnPanel(*database.value(), request.program, *request.own, request.filter), cache};
        Notifier quiet; // nothing is written here
        BlobStore blobs(QDir(dataDir).filePath(QStringLiteral("blobs")));
        ReplicaService replica(*database.value(), quiet, blobs, *clock);
        ReviewOutbox reviews(*database.value(), quiet, *clock, replica);
        auto data = computePanelCached(*database.value(), request.program, request.scope, request.filter,
                                       reviews.localStates(), cache);
        return {std::move(data), cache};
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
    // What it read stays for the next filter, unless the replica changed meanwhile.
    if (m_runningGeneration == m_generation && answer.data)
        m_cache = answer.cache;
    const Result<PanelData> &result = answer.data;
    // The person changed the filter meanwhile: this answer is of no use. A refresh
    // of the same filter (the replica changed) still shows what it has.
    const bool stale = m_pending && !(m_pending->filter == m_runningFilter);
    if (m_pending)
        startNext();
    if (stale)
        return;
    if (result)
        Q_EMIT ready(result.value());
    else
        Q_EMIT failed(result.error().message);
}

} // namespace mobiliza::core
