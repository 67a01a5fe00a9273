#include "core/package/batch_file_job.h"

#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::core {

BatchFileJob::BatchFileJob(QString dataDir, QString blobDir, BatchRecord batch, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_blobDir(std::move(blobDir)), m_batch(std::move(batch))
{
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, &BatchFileJob::onFinished);
}

BatchFileJob::~BatchFileJob()
{
    if (m_running) {
        m_watcher.disconnect(this);
        m_cancel->store(true);
        m_watcher.waitForFinished(); // the writer removes its temporary file
    }
}

void BatchFileJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run(
        [this, dataDir = m_dataDir, blobDir = m_blobDir, batch = m_batch, hook = m_hook, cancel = m_cancel]() {
            return BatchService::writeFile(dataDir, blobDir, batch, [&](const BatchWriteProgress &p) {
                // `this` only as the context of a queued call: dropped if the job is gone.
                QMetaObject::invokeMethod(this, [this, p] { Q_EMIT progress(p); }, Qt::QueuedConnection);
                if (hook)
                    hook(p);
                return !cancel->load();
            });
        }));
}

void BatchFileJob::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void BatchFileJob::onFinished()
{
    if (!m_running)
        return;
    m_running = false;
    // After the worker returned: its result is complete, its file in place or removed.
    Q_EMIT finished(m_watcher.result());
}

} // namespace mobiliza::core
