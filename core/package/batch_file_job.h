// Writes a prepared batch's file (BatchService::prepare) on a worker thread
// (QtConcurrent), with progress and cancel: BatchService::writeFile, which reads
// the manifests through a database connection of its own, never the owner's. A
// batch file can be hundreds of MB of photos; the window stays responsive.
// Signals are delivered on the thread that owns the job (the UI thread);
// `finished` comes once the worker is done with the file: after a cancel or an
// error nothing is left at the batch's path. The job records nothing: its owner
// calls BatchService::record on success.
#pragma once

#include "core/regional/batch_service.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace mobiliza::core {

class BatchFileJob : public QObject
{
    Q_OBJECT

public:
    BatchFileJob(QString dataDir, QString blobDir, BatchRecord batch, QObject *parent = nullptr);
    ~BatchFileJob() override; // cancels and waits for the worker

    const BatchRecord &batch() const { return m_batch; }
    void start(); // once
    void cancel();
    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancel->load(); }

    // Tests: runs on the worker after each progress step, before the cancel is
    // looked at (to hold the worker at a known point). Set before start().
    void setWorkerHook(std::function<void(const BatchWriteProgress &)> hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void progress(const mobiliza::core::BatchWriteProgress &progress);
    void finished(const mobiliza::core::Status &status);

private:
    void onFinished();

    QString m_dataDir;
    QString m_blobDir;
    BatchRecord m_batch;
    std::function<void(const BatchWriteProgress &)> m_hook;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<Status> m_watcher;
    bool m_running = false;
    bool m_started = false;
};

} // namespace mobiliza::core
