// The wire codec of batches to the central level (docs/protocol.md §10.5), shared
// by the URS client and the hub: a batch (PUT /api/v1/batches/<uuid>), its receipt,
// the batch's state (GET /api/v1/batches/<uuid>) and the 409 "batch_refused" list.
// Decoders are strict and safe on hostile input, like those of sync/protocol.h.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace mobiliza::sync {

// Bounds of a batch (checked by decodeBatch). A URS has at most a few dozen
// municipalities: a month's batch is far below these.
inline constexpr int kMaxBatchRevisions = 2000;
inline constexpr int kMaxBatchTextChars = 200; // urs, createdBy

// Batch states on the hub.
namespace batch_state {
inline constexpr QLatin1String Received{"received"};
inline constexpr QLatin1String Consolidated{"consolidated"};
} // namespace batch_state

struct BatchRevision
{
    QString report; // uuid
    int revision = 0;
    QString manifestSha256;
    bool operator==(const BatchRevision &) const = default;
};

struct Batch
{
    QString uuid;   // "batch" in the body; the client makes it (a re-send is the same batch)
    QString urs;    // the URS's name (canonical, as in its token's scope)
    QString period; // YYYY-MM
    QDateTime createdAt;
    QString createdBy; // who made it at the URS, not blank
    QList<BatchRevision> revisions;
};

struct BatchReceipt
{
    QString batch; // uuid
    QString hubId; // "b-000012"
    int count = 0; // revisions forwarded
    QDateTime receivedAt;
};

struct BatchStatus
{
    BatchReceipt receipt;
    QString state; // batch_state
};

// One revision of a refused batch (409 "batch_refused"): its state on the hub
// ("not_found" when the hub has no such revision in the URS's scope) and why.
struct BatchRefusal
{
    QString report;
    int revision = 0;
    QString state;
    QString reason; // "not_found" | "not_accepted" | "other_content" | "other_period" | "duplicate"
};

// Compact JSON, keys sorted: the canonical form (a re-send is compared by it).
QByteArray encode(const Batch &batch);
// Strict: "batch" a uuid, "urs" and "createdBy" not blank (≤ 200 characters),
// "period" YYYY-MM, "createdAt" a timestamp, 1 to 2000 revisions (report uuid,
// revision ≥ 1, a SHA-256), no report twice; unknown members are ignored.
core::Result<Batch> decodeBatch(const QByteArray &body);

QByteArray encode(const BatchReceipt &receipt); // {"receipt": {…}}
core::Result<BatchReceipt> decodeBatchReceipt(const QByteArray &body);
QByteArray encode(const BatchStatus &status); // {"receipt": {…}, "state": "received"}
core::Result<BatchStatus> decodeBatchStatus(const QByteArray &body);

QJsonArray refusalsToJson(const QList<BatchRefusal> &refused);
// The "refused" list of a 409 batch_refused error body (empty when absent).
QList<BatchRefusal> decodeBatchRefused(const QByteArray &errorBody);

} // namespace mobiliza::sync
