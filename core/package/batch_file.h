// The batch file (`.mobiliza-lote`): a URS's batch to the central level in one
// file (docs/package-format.md, "Batch file"; docs/protocol.md §10.5) — the
// batch (which revisions, of which month, by whom) and every revision's report
// package content (its locked manifest and its photos, each photo once), with
// checksums. The sneaker-net twin of PUT /api/v1/batches/<uuid> at a separate
// central hub: `mobiliza-hub import FILE` imports its revisions and records the
// batch. Writing never leaves a half file; reading verifies everything first.
#pragma once

#include "core/domain/types.h"
#include "core/package/report_package.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QuaZip;

namespace mobiliza::core::package {

inline constexpr char kBatchFormat[] = "mobiliza-batch";
inline constexpr int kBatchFormatVersion = 1;
inline constexpr char kBatchExtension[] = ".mobiliza-lote";
inline constexpr char kBatchJson[] = "batch.json";
inline constexpr int kMaxBatchFileRevisions = 2000; // as the protocol's batch

// The batch (batch.json without its format keys).
struct BatchFileInfo
{
    QString batchUuid;
    QString urs;    // the URS's name
    Period period;  // the month of every revision
    QDateTime createdAt; // UTC
    QString createdBy;
    QString appVersion; // filled by the writer
};

// One revision as the writer takes it: its locked manifest bytes.
struct BatchFileInput
{
    QByteArray manifestJson;
};

// One verified revision of a batch file.
struct BatchFileRevision
{
    QString reportUuid;
    int revision = 0;
    QString manifestSha256;
    QString municipality;
    QByteArray manifestJson; // exactly as locked
    Report report;           // decoded from manifestJson
    QStringList blobs;       // its distinct photos, in photo order
};

struct BatchFileContents
{
    BatchFileInfo info;
    QList<BatchFileRevision> revisions; // in the batch's order
    QStringList blobs;                  // every distinct photo of the file
    qint64 blobBytes = 0;
};

// "manifests/<report uuid>.<revision>.json"
QString batchManifestEntryName(const QString &reportUuid, int revision);

// Writes the batch file at `path` (a temporary file renamed at the end; on any
// error or a cancel nothing is left at `path`). Every manifest must decode
// strictly and be of `info.period`, no report twice; `readPhoto(sha256)` gives a
// photo's bytes, checked against their name. Progress over the photo bytes
// written (the total is unknown before: 0).
Status writeBatchFile(const BatchFileInfo &info, const QList<BatchFileInput> &revisions,
                      const std::function<Result<QByteArray>(const QString &sha256)> &readPhoto, const QString &path,
                      const ProgressFn &progress = {});

// Reads and verifies a batch file; keeps it open to read the photos.
class BatchFileReader
{
public:
    explicit BatchFileReader(QString path);
    ~BatchFileReader();
    BatchFileReader(const BatchFileReader &) = delete;
    BatchFileReader &operator=(const BatchFileReader &) = delete;

    // Verifies everything (structure, sizes, checksums, batch.json, every
    // manifest and photo). Errors: "not_a_batch" (another file, e.g. a report
    // package), "empty_file", "corrupt_package", "too_large", "unsupported_version".
    Result<BatchFileContents> verify(const ProgressFn &progress = {});
    // After verify(): the bytes of one photo, verified again against its name.
    Result<QByteArray> blob(const QString &sha256);

private:
    Status openZip();
    Result<QByteArray> readEntry(const QString &name, qint64 maxBytes, QString *sha256,
                                 const std::function<bool(qint64)> &onChunk = {});

    QString m_path;
    std::unique_ptr<QuaZip> m_zip;
    QHash<QString, qint64> m_entries;    // name → uncompressed size
    QHash<QString, QString> m_checksums; // name → sha256
    bool m_verified = false;
};

Result<BatchFileContents> readBatchFile(const QString &path, const ProgressFn &progress = {});

} // namespace mobiliza::core::package
