// Forwarding to the central level (docs/protocol.md §10.5): the accepted reports
// of a competência become a batch — its id, the URS, the list of revisions with
// their manifest hashes, who and when — sent over the network at the next pass
// (QueueTable discipline; the hub's receipt marks it "received") or written as
// one batch file (core/package/batch_file.h) carried to the central level, whose
// receipt file (core/package/batch_receipt.h) carried back marks it "received".
#pragma once

#include "core/domain/types.h"
#include "core/regional/queue_table.h"
#include "core/regional/replica_service.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>

namespace mobiliza::core::package {
struct BatchReceipt;
}

namespace mobiliza::core {

class Services;

struct BatchMember
{
    QString report;
    int revision = 0;
    QString manifestSha256;
    QString municipality;
};

struct BatchRecord
{
    QString uuid;
    QString urs;
    Period period;
    QDateTime createdAt;
    QString createdBy;
    QList<BatchMember> revisions;
    QString channel; // network | file
    QString filePath;
    QString state;   // queued | sending | received | refused | written
    int attempts = 0;
    QString lastError;
    QString hubId;
    QDateTime hubReceivedAt;
};

// Writing a batch file: photo files written of all, and their bytes.
struct BatchWriteProgress
{
    int files = 0;
    int totalFiles = 0;
    qint64 bytes = 0;
    qint64 totalBytes = 0;
};
// Called on the writing thread; return false to cancel.
using BatchWriteProgressFn = std::function<bool(const BatchWriteProgress &)>;

// What the central level made of a received batch's reports (docs/protocol.md §10.7),
// from their states in the replica: the hub's batch is "consolidated" once none is
// left forwarded.
struct CentralProgress
{
    int consolidated = 0;
    int returned = 0; // returned to the URS (and maybe decided again since)
    int waiting = 0;  // still forwarded
    int decided() const { return consolidated + returned; }
};

// What applyReceipt() did.
struct ReceiptOutcome
{
    BatchRecord batch;            // as it is now
    bool alreadyRecorded = false; // it was already received: nothing changed
};

class BatchService
{
public:
    explicit BatchService(Services &services);

    // The latest revisions of `period` the hub has accepted (as last pulled) and
    // no batch (other than a refused one) holds yet.
    Result<QList<ReplicaRevision>> forwardable(const Period &period) const;

    // A batch of every forwardable revision of `period` (or of `only` when given:
    // report uuids, each forwardable). "nothing_to_forward" when there is none.
    // Network: queued for the next pass. File (`filePath` non-empty): the batch
    // file is written (atomically) and the batch recorded as "written". The same
    // three steps as prepare(), writeFile() and record().
    Result<BatchRecord> create(const Period &period, const QString &createdBy, const QString &filePath = {},
                               const QStringList &only = {});

    // The batch create() would make, nothing stored: "nothing_to_forward"; with a
    // file, also "file_exists" and "photos_missing" (those photos are asked for).
    Result<BatchRecord> prepare(const Period &period, const QString &createdBy, const QString &filePath = {},
                                const QStringList &only = {});
    // Writes the batch file of a prepared file batch, on any thread: the manifests
    // are read through a database connection of its own (to the profile in
    // `dataDir`), the photos from `blobDir`. On an error or a cancel (`progress`
    // returned false: "cancelled") nothing is left at its path.
    static Status writeFile(const QString &dataDir, const QString &blobDir, const BatchRecord &batch,
                            const BatchWriteProgressFn &progress = {});
    // Stores a prepared batch (its file, if any, written) in one transaction,
    // checking again that no other batch took its reports meanwhile; a refused
    // batch's file is removed.
    Result<BatchRecord> record(const BatchRecord &batch);

    // The central level's receipt file (docs/package-format.md "Receipt file"):
    // marks the batch it names "received" with the hub's id and date, as a network
    // receipt does, in one transaction (with an audit row), then
    // Notifier::replicaChanged. Refused, nothing changed: a receipt of another URS
    // ("other_urs"), of a batch not made here ("unknown_batch"), or of other content
    // under this batch's id ("other_content"). A batch already received: success,
    // alreadyRecorded, nothing changed.
    Result<ReceiptOutcome> applyReceipt(const package::BatchReceipt &receipt);

    // Records a batch the hub already received (its receipt known): the
    // demonstration data's older months. One transaction.
    Status recordReceived(const BatchRecord &batch);

    // The central level: a URS's batch file taken in (core/regional/batch_intake.h),
    // queued to go to the hub on that URS's behalf (channel network, `filePath` the
    // file it came in) in one transaction with an audit row. The same batch again:
    // the stored one, unchanged — or queued again when the hub refused it before.
    // `*alreadyHere`: it was here and waiting or received.
    Result<BatchRecord> recordIncoming(const BatchRecord &batch, bool *alreadyHere);

    // Of a received batch, from the replica (nothing decided for any other state).
    // `all`: every batch (all()): a report in a later batch than this one was
    // returned to the URS and forwarded again, whatever its state now.
    Result<CentralProgress> centralProgress(const BatchRecord &batch, const QList<BatchRecord> &all) const;

    // The network batches due now, except those with a revision whose import
    // (import_outbox) waits and that the hub has never listed (cursor 0 in the
    // replica): a batch names revisions the hub must already hold (§10.5).
    Result<QList<BatchRecord>> due(Backoff backoff = Backoff::Respect) const;
    Result<QList<BatchRecord>> all() const;
    int pendingCount() const;

    Status markSending(const QString &uuid) { return m_queue.markSending(uuid); }
    Status markQueued(const QString &uuid) { return m_queue.markQueued(uuid); }
    Status markReceived(const QString &uuid, const QString &hubId, const QDateTime &receivedAt);
    Status markRefused(const QString &uuid, const QString &message);
    Status markFailed(const QString &uuid, const QString &message, double random01)
    {
        return m_queue.markFailed(uuid, message, random01);
    }

private:
    Result<QList<BatchRecord>> query(const QString &where, const QVariantList &args) const;
    Result<QList<ReplicaRevision>> chosen(const Period &period, const QStringList &only) const;

    Services &m_services;
    QueueTable m_queue;
};

} // namespace mobiliza::core
