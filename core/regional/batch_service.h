// Forwarding to the central level (docs/protocol.md §10.5): the accepted reports
// of a competência become a batch — its id, the URS, the list of revisions with
// their manifest hashes, who and when — sent over the network at the next pass
// (QueueTable discipline; the hub's receipt marks it "received") or written as
// one batch file (core/package/batch_file.h) carried to the central level.
#pragma once

#include "core/domain/types.h"
#include "core/regional/queue_table.h"
#include "core/regional/replica_service.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

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
    // file is written (atomically) and the batch recorded as "written".
    Result<BatchRecord> create(const Period &period, const QString &createdBy, const QString &filePath = {},
                               const QStringList &only = {});

    // Records a batch the hub already received (its receipt known): the
    // demonstration data's older months. One transaction.
    Status recordReceived(const BatchRecord &batch);

    Result<QList<BatchRecord>> due() const;
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

    Services &m_services;
    QueueTable m_queue;
};

} // namespace mobiliza::core
