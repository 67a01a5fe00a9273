// What a hub process keeps about photo uploads between its threads' requests, so
// that a photo's PUT asks the database as little as it safely can:
//
// - UploadRecorder writes the "this token uploaded this photo" rows of the
//   uploads that end at the same time in one statement (group commit): a PUT is
//   answered once its row is committed, as before, but eight threads finishing
//   photos together cost one round trip and one commit, not eight.
// - QuotaView lets a photo's admission skip the quota's statement while the
//   token is far from its quota: it keeps the token's unattached bytes as last
//   read (at most window() ago) plus what the process admitted since, and admits
//   without asking while that stays within a quarter of the quota; a token past
//   a quarter of it is asked about every time. On one instance the quota is
//   exact, as before; each instance sees only its own uploads in flight, so with
//   several a token can briefly pass it by what the others admit meanwhile.
//
// Both are shared by a server's threads (HubDispatcher::Shared); time is the
// hub's clock.
#pragma once

#include "core/util/result.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/windowed_map.h"

#include <QDateTime>
#include <QMutex>
#include <QWaitCondition>

#include <functional>
#include <memory>

namespace mobiliza::hub {

class UploadRecorder
{
public:
    static constexpr qsizetype kMaxBatch = 64;

    // Writes a batch: HubStore::recordUploads on the calling thread's connection.
    using Writer = std::function<core::Result<QSet<QString>>(const QList<HubStore::Upload> &)>;

    // Records `upload` — with `write` when this thread leads the batch — and returns
    // once it is committed (or failed, with its batch): whether the token had not
    // uploaded the photo before.
    core::Result<bool> record(const Writer &write, const HubStore::Upload &upload);
    core::Result<bool> record(HubStore &store, const HubStore::Upload &upload);

    // For the tests and the bench: rows recorded and statements (batches) used.
    qint64 recorded() const;
    qint64 batches() const;
    // Uploads in the batch being filled, waiting for a thread to write it (the tests wait on it).
    qsizetype queued() const;

private:
    struct Batch
    {
        QList<HubStore::Upload> uploads;
        bool done = false;
        core::Result<QSet<QString>> outcome = QSet<QString>();
    };
    void lead(const Writer &write, const std::shared_ptr<Batch> &batch, QMutexLocker<QMutex> &lock);

    mutable QMutex m_mutex;
    QWaitCondition m_changed;
    std::shared_ptr<Batch> m_open; // filling while another batch is written
    bool m_writing = false;
    qint64 m_recorded = 0;
    qint64 m_batches = 0;
};

class QuotaView
{
public:
    explicit QuotaView(qint64 windowMs = 5000, qsizetype capacity = 4096) : m_bytes(windowMs, capacity) {}

    // True (and the bytes counted) when `bytes` more for `tokenId`, with `inFlight`
    // (the token's other uploads in flight in this process), keep what the process
    // knows of its unattached bytes within quota / 4; false: ask the database.
    bool admit(const QString &tokenId, qint64 bytes, qint64 inFlight, qint64 quota, const QDateTime &now);
    // The database's answer for `tokenId` at `now`, with what the process has in
    // flight for it (what admit() counts from). Within the window an entry only
    // grows: an older answer finishing last cannot lower what was admitted since.
    void note(const QString &tokenId, qint64 bytes, const QDateTime &now);
    // The next admission for `tokenId` asks the database (an upload was admitted
    // without this view: a body without a declared size).
    void forget(const QString &tokenId);
    qint64 window() const { return m_bytes.window(); }

private:
    QMutex m_mutex;
    WindowedMap<qint64> m_bytes; // per token: read, plus admitted since
};

} // namespace mobiliza::hub
