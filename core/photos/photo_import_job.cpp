#include "core/photos/photo_import_job.h"

#include <QMetaObject>

namespace mobiliza::core {

PhotoImportJob::PhotoImportJob(BlobStore &blobs, QStringList files, PhotoLimits limits, QObject *parent)
    : QObject(parent), m_pipeline(blobs, limits), m_files(std::move(files))
{
    m_pool.setMaxThreadCount(maxInFlight);
}

PhotoImportJob::~PhotoImportJob()
{
    m_cancel.store(true);
    m_pool.waitForDone();
    // Results still queued for this object are discarded with it.
}

void PhotoImportJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_workers = qMin(maxInFlight, total());
    if (m_workers == 0) {
        QMetaObject::invokeMethod(
            this, [this] { workerExited(); }, Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < m_workers; ++i)
        m_pool.start([this] { work(); });
}

void PhotoImportJob::cancel()
{
    m_cancel.store(true);
}

void PhotoImportJob::work()
{
    // Each worker takes the next file until none is left or the job is cancelled:
    // the indices taken are always 0…k-1, so every one of them gets a result.
    while (!m_cancel.load()) {
        const int index = m_next.fetch_add(1);
        if (index >= total())
            break;
        Result<ImportedPhoto> result = m_pipeline.importFile(m_files.at(index), &m_cancel);
        QMetaObject::invokeMethod(
            this, [this, index, result]() { deliver(index, result); }, Qt::QueuedConnection);
    }
    QMetaObject::invokeMethod(
        this, [this] { workerExited(); }, Qt::QueuedConnection);
}

void PhotoImportJob::deliver(int index, Result<ImportedPhoto> result)
{
    m_pending.emplace(index, std::move(result));
    emitInOrder();
}

void PhotoImportJob::emitInOrder()
{
    // A slot may run a nested event loop (a message box): results delivered
    // meanwhile are picked up by this loop, never emitted out of order.
    if (m_emitting)
        return;
    m_emitting = true;
    for (auto it = m_pending.find(m_nextToEmit); it != m_pending.end(); it = m_pending.find(m_nextToEmit)) {
        const Result<ImportedPhoto> result = std::move(it->second);
        m_pending.erase(it);
        ++m_nextToEmit;
        if (result.ok()) {
            ++m_done;
            Q_EMIT photoImported(result.value());
        } else if (result.error().code == QLatin1String("cancelled")) {
            ++m_cancelledFiles; // stopped by cancel(): not a failure of the file
            continue;
        } else {
            ++m_done;
            Q_EMIT photoFailed(m_files.at(m_nextToEmit - 1), result.error());
        }
        Q_EMIT progress(m_done, total());
    }
    m_emitting = false;
    finishIfDone();
}

void PhotoImportJob::workerExited()
{
    if (m_workers > 0)
        --m_workers;
    finishIfDone();
}

void PhotoImportJob::finishIfDone()
{
    // Each worker posts its results before its exit, so with no worker left
    // every result has been delivered (and emitted, unless emission is under way).
    if (m_emitting || m_workers > 0 || !m_running)
        return;
    m_running = false;
    // cancelled: some file was skipped or stopped (not merely cancel() after the last one)
    Q_EMIT finished(m_cancelledFiles > 0 || m_nextToEmit < total());
}

} // namespace mobiliza::core
