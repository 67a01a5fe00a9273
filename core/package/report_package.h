// The report package: one `.mobiliza` file (ZIP) carrying one locked revision
// of a report — its manifest, its photos and checksums — the offline twin of a
// push (docs/package-format.md). Writing never leaves a half file; reading
// verifies everything before anything is trusted; importing changes nothing
// unless the whole package is sound and the import is allowed.
#pragma once

#include "core/domain/types.h"
#include "core/services/revision_importer.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QuaZip;

namespace mobiliza::core {

class Services;

namespace package {

// (done, total) in bytes; return false to cancel.
using ProgressFn = std::function<bool(qint64 done, qint64 total)>;

inline constexpr char kFormat[] = "mobiliza-report-package";
inline constexpr int kFormatVersion = 1;
inline constexpr char kExtension[] = ".mobiliza";
inline constexpr char kPackageJson[] = "package.json";
inline constexpr char kManifestJson[] = "manifest.json";
inline constexpr char kChecksums[] = "checksums.sha256";

struct Limits
{
    static constexpr qint64 kMaxTotalBytes = 2LL * 1024 * 1024 * 1024; // file and uncompressed sum
    static constexpr qint64 kMaxEntryBytes = 60LL * 1024 * 1024;       // one entry, uncompressed
    static constexpr int kMaxEntries = 5000;
    static constexpr qint64 kMaxPackageJsonBytes = 64 * 1024;
    static constexpr qint64 kMaxChecksumsBytes = 1024 * 1024;
};

// The content of package.json.
struct PackageInfo
{
    QString format;
    int formatVersion = 0;
    QString reportUuid;
    QString programId;
    QString municipality;
    Period period;
    int revision = 0;
    QString manifestSha256;
    QDateTime createdAt; // UTC
    QString appVersion;
    int photoCount = 0;
};

// A verified package (photo bytes stay in the file: read them with PackageReader::blob).
struct PackageContents
{
    PackageInfo info;
    QByteArray manifestJson; // exactly as locked in report_revisions
    Report report;           // decoded from manifestJson
    QDateTime concludedAt;
    QStringList blobs; // distinct photo SHA-256, in photo order
    qint64 blobBytes = 0;
};

// "photos/<sha256>.jpg"
QString photoEntryName(const QString &sha256);

// Writes revision `revision` of the report (it must be concluded: a row of
// report_revisions) to `path` (a temporary file renamed at the end). On any
// error or a cancel, nothing is left at `path` (an older file there stays).
Status writePackage(Services &services, const QString &reportUuid, int revision, const QString &path,
                    const ProgressFn &progress = {});

// writePackage in two halves, for the window: what the package holds, read on
// the store's thread (checked: the revision is intact, every photo is here), and
// the writing, on any thread (it reads only the photo files).
struct PreparedPackage
{
    QByteArray manifest;
    QString manifestSha256;
    Report report;
    QDateTime createdAtUtc;
    QString blobDir;       // where the photos are (BlobStore)
    qint64 photoBytes = 0; // for the progress
};
Result<PreparedPackage> preparePackage(Services &services, const QString &reportUuid, int revision);
Status writePreparedPackage(const PreparedPackage &prepared, const QString &path,
                            const ProgressFn &progress = {});

// A photo's bytes by its SHA-256 (checked against it by the writer).
using PhotoReader = std::function<Result<QByteArray>(const QString &sha256)>;

// Writes a package of a locked revision that is not in this profile's reports —
// the central level makes one of each revision of a URS's batch file
// (core/regional/batch_intake.h) — with the same guarantees as writePackage.
// `total`: the photos' bytes for `progress` (0 when unknown).
Status writePackageFrom(const QByteArray &manifest, const QString &manifestSha256, const Report &report,
                        const QDateTime &createdAtUtc, const PhotoReader &readPhoto, const QString &path,
                        const ProgressFn &progress = {}, qint64 total = 0);

// Reads and verifies a package file; keeps it open to read the photos.
class PackageReader
{
public:
    explicit PackageReader(QString path);
    ~PackageReader();
    PackageReader(const PackageReader &) = delete;
    PackageReader &operator=(const PackageReader &) = delete;

    // Verifies everything (structure, sizes, checksums, manifest, photos),
    // streaming the photos; progress over the photo bytes.
    Result<PackageContents> verify(const ProgressFn &progress = {});
    // After verify(): the bytes of one photo, verified again against its name.
    Result<QByteArray> blob(const QString &sha256);

private:
    struct Entry
    {
        qint64 size = 0;
    };
    Status openZip();
    Result<QByteArray> readEntry(const QString &name, qint64 maxBytes, QString *sha256,
                                 const std::function<bool(qint64)> &onChunk = {});

    QString m_path;
    std::unique_ptr<QuaZip> m_zip;
    QHash<QString, Entry> m_entries;
    QHash<QString, QString> m_checksums; // name → sha256
    bool m_verified = false;
};

Result<PackageContents> readPackage(const QString &path, const ProgressFn &progress = {});

// Imports the package into the profile, "exactly as if it had been pushed":
// see RevisionImporter for the rules. The report must first pass the program's
// rules with the engine ReportService::conclude uses ("validation_failed", the
// blocking findings in the message; "unknown_program"): nothing is written
// otherwise. Photos are verified and stored first, then the revision in one
// transaction.
Result<ImportOutcome> importPackage(Services &services, const QString &path, const ProgressFn &progress = {});

} // namespace package
} // namespace mobiliza::core
