#include "sync/hub/hub_uploads.h"

#include <QScopeGuard>

namespace mobiliza::hub {

core::Result<bool> UploadRecorder::record(HubStore &store, const HubStore::Upload &upload)
{
    return record([&store](const QList<HubStore::Upload> &uploads) { return store.recordUploads(uploads); },
                  upload);
}

core::Result<bool> UploadRecorder::record(const Writer &write, const HubStore::Upload &upload)
{
    QMutexLocker lock(&m_mutex);
    if (!m_open || m_open->uploads.size() >= kMaxBatch)
        m_open = std::make_shared<Batch>();
    const std::shared_ptr<Batch> mine = m_open;
    mine->uploads << upload;
    // The first thread of a batch writes it, once the batch before it is written;
    // the others wait for it. A batch that filled up while waiting was replaced
    // as m_open, and its first waiter to wake writes it.
    while (!mine->done) {
        if (!m_writing) {
            lead(write, mine, lock);
            break;
        }
        m_changed.wait(&m_mutex);
    }
    if (!mine->outcome)
        return mine->outcome.error();
    return mine->outcome->contains(upload.key());
}

void UploadRecorder::lead(const Writer &write, const std::shared_ptr<Batch> &batch,
                          QMutexLocker<QMutex> &lock)
{
    m_writing = true;
    if (m_open == batch)
        m_open.reset(); // later uploads start the next batch
    const QList<HubStore::Upload> uploads = batch->uploads;
    // Whatever happens in `write` (an exception included), the batch ends and the
    // next one may be written: no waiter is left behind.
    batch->outcome = core::Error{QStringLiteral("database"), QStringLiteral("upload not recorded")};
    bool relocked = false;
    auto finish = qScopeGuard([&] {
        if (!relocked)
            lock.relock();
        batch->done = true;
        m_writing = false;
        m_changed.wakeAll();
    });
    lock.unlock();
    auto outcome = write(uploads);
    lock.relock();
    relocked = true;
    batch->outcome = std::move(outcome);
    m_recorded += uploads.size();
    ++m_batches;
}

qint64 UploadRecorder::recorded() const
{
    QMutexLocker lock(&m_mutex);
    return m_recorded;
}

qint64 UploadRecorder::batches() const
{
    QMutexLocker lock(&m_mutex);
    return m_batches;
}

qsizetype UploadRecorder::queued() const
{
    QMutexLocker lock(&m_mutex);
    return m_open ? m_open->uploads.size() : 0;
}

bool QuotaView::admit(const QString &tokenId, qint64 bytes, qint64 inFlight, qint64 quota,
                      const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    qint64 *counted = m_bytes.find(tokenId, now);
    if (!counted || *counted + qMax<qint64>(0, inFlight) + qMax<qint64>(0, bytes) > quota / 4)
        return false;
    *counted += qMax<qint64>(0, bytes);
    return true;
}

void QuotaView::forget(const QString &tokenId)
{
    QMutexLocker lock(&m_mutex);
    m_bytes.remove(tokenId);
}

void QuotaView::note(const QString &tokenId, qint64 bytes, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    if (qint64 *counted = m_bytes.find(tokenId, now))
        *counted = qMax(*counted, bytes); // within the window: only grows
    else
        m_bytes.keep(tokenId, bytes, now);
}

} // namespace mobiliza::hub
