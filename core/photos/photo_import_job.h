// Imports a list of photo files off the calling thread, at most two at a time,
// with per-file results, progress and cancel. Signals are delivered on the
// thread that owns the job (queued), in file order.
//
// The BlobStore must outlive the job. Destroying the job cancels it and waits
// for the files in progress (their photos stay stored but are not reported).
#pragma once

#include "core/photos/photo_pipeline.h"

#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <map>

namespace mobiliza::core {

class PhotoImportJob : public QObject
{
    Q_OBJECT

public:
    PhotoImportJob(BlobStore &blobs, QStringList files, PhotoLimits limits = {}, QObject *parent = nullptr);
    ~PhotoImportJob() override; // cancels and waits for the worker

    // Starts the work on a private thread pool (two threads). Only the first
    // call does anything; with no files, finished(false) follows at once (queued).
    void start();
    // Stops after the file(s) in progress; photos already imported stay imported.
    // Files not started are not reported. Safe to call from any thread.
    void cancel();
    bool isRunning() const { return m_running; }
    int total() const { return int(m_files.size()); }
    static constexpr int maxInFlight = 2;

Q_SIGNALS:
    void progress(int done, int total);
    void photoImported(const mobiliza::core::ImportedPhoto &photo);
    void photoFailed(const QString &file, const mobiliza::core::Error &error);
    void finished(bool cancelled);

private:
    void work();                                           // on a pool thread
    void deliver(int index, Result<ImportedPhoto> result); // on the owner thread
    void workerExited();                                   // on the owner thread
    void emitInOrder();
    void finishIfDone();

    const PhotoPipeline m_pipeline;
    const QStringList m_files;
    std::atomic<bool> m_cancel{false};
    std::atomic<int> m_next{0};

    // owner-thread state
    bool m_started = false;
    bool m_running = false;
    int m_workers = 0;
    int m_nextToEmit = 0;
    int m_done = 0;
    int m_cancelledFiles = 0;
    bool m_emitting = false;
    std::map<int, Result<ImportedPhoto>> m_pending;

    QThreadPool m_pool; // last: destroyed (and joined) first
};

} // namespace mobiliza::core
