// The central level's receipt file (`.mobiliza-recibo`; docs/package-format.md,
// "Receipt file"; docs/protocol.md §10.5): the small file a hub writes when it
// imports a URS's batch file, carried back to the URS, where it marks the batch
// "recebido pelo nível central" (BatchService::applyReceipt). It names the batch,
// the URS, the month, the count, the hub's id and date for it, who issued it and
// the SHA-256 of the batch's canonical content, so it matches exactly the batch it
// acknowledges. A checksum catches a cut or edited file; it is not a signature.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace mobiliza::core::package {

inline constexpr char kReceiptFormat[] = "mobiliza-batch-receipt";
inline constexpr int kReceiptFormatVersion = 1;
inline constexpr char kReceiptExtension[] = ".mobiliza-recibo";
// A receipt is well under 2 KB; anything past this is not one (read no further).
inline constexpr qint64 kMaxReceiptBytes = 64 * 1024;

// One revision of a batch, as its content hash sees it.
struct BatchContentItem
{
    QString report; // uuid
    int revision = 0;
    QString manifestSha256;
};

// The SHA-256 (lower-case hex) of a batch's canonical content: compact JSON, keys
// sorted, {"batch", "period", "revisions": [{"manifestSha256", "report",
// "revision"}]} with the revisions ordered by report uuid. The URS computes it from
// its batch, the hub from the batch it recorded: equal only for the same revisions
// with the same manifests.
QString batchContentSha256(const QString &batchUuid, const Period &period, QList<BatchContentItem> revisions);

struct BatchReceipt
{
    QString batchUuid;
    QString urs;       // the URS's name, as the hub's reference table writes it
    Period period;
    int count = 0;     // revisions received
    QString hubId;     // the hub's id for the batch, "b-000012"
    QDateTime receivedAt; // UTC, when the hub recorded the batch
    QString batchSha256;  // batchContentSha256 of the batch received
    QString issuedBy;     // the issuing hub's id (`mobiliza-hub --hub-id`)
    QString issuedByName; // and its name (`--hub-name`)

    bool operator==(const BatchReceipt &) const = default;
};

// The receipt of a batch a hub recorded as `hubId` at `receivedAt`, issued by that
// hub (`issuedBy`, `issuedByName`; blank ones read "mobiliza-hub", "Mobiliza hub").
// The hub and the central level's app make it alike: the same batch, the same bytes.
BatchReceipt makeBatchReceipt(const QString &batchUuid, const QString &urs, const Period &period,
                              const QList<BatchContentItem> &revisions, const QString &hubId,
                              const QDateTime &receivedAt, const QString &issuedBy,
                              const QString &issuedByName);

// The file's bytes (indented JSON, "format" first; the same receipt always gives
// the same bytes).
QByteArray encodeBatchReceipt(const BatchReceipt &receipt);
// Strict: the format and version, exactly the keys of version 1, their types and
// bounds, and "receiptSha256" the SHA-256 of the receipt's canonical encoding.
// Errors: "empty_file", "not_a_receipt" (another file: a photo, a batch file…),
// "corrupt_package" (cut or altered), "too_large", "unsupported_version".
Result<BatchReceipt> decodeBatchReceipt(const QByteArray &bytes, const QString &path = {});

// Writes the file durably (a temporary file beside it, flushed and renamed over it).
Status writeBatchReceipt(const BatchReceipt &receipt, const QString &path);
// Reads at most kMaxReceiptBytes and decodes.
Result<BatchReceipt> readBatchReceipt(const QString &path);

// The receipt beside a batch file: "x.mobiliza-lote" → "x.mobiliza-recibo".
QString receiptPathFor(const QString &batchFilePath);
// "lote-Barbacena-2026-10": the name a batch's files are suggested under (plain
// ASCII, no spaces: it survives any USB stick and e-mail).
QString batchFileBaseName(const QString &urs, const QString &periodKey);

} // namespace mobiliza::core::package
