// Writing a report package: a temporary file next to the target, flushed to
// disk and renamed over it at the end. An error or a cancel removes the
// temporary file, so a half package never exists under the chosen name.
#include "core/domain/clock.h"

#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/package/report_package.h"
#include "core/services/services.h"
#include "core/util/durable_file.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#ifndef MOBILIZA_PACKAGE_APP_VERSION
#define MOBILIZA_PACKAGE_APP_VERSION "0"
#endif

namespace mobiliza::core::package {

namespace {

using durable::replaceFile;
using durable::syncDir;
using durable::syncToDisk;
using durable::TempFileGuard;

QByteArray packageJson(const Report &report, const QString &manifestSha, const QDateTime &createdAt)
{
    const QJsonObject o{
        {QStringLiteral("format"), QLatin1String(kFormat)},
        {QStringLiteral("formatVersion"), kFormatVersion},
        {QStringLiteral("report"), report.uuid},
        {QStringLiteral("program"), report.programId},
        {QStringLiteral("municipality"), report.municipality},
        {QStringLiteral("period"), report.period.key()},
        {QStringLiteral("revision"), report.revision},
        {QStringLiteral("manifestSha256"), manifestSha},
        {QStringLiteral("createdAt"), storeTimestamp(createdAt)},
        {QStringLiteral("appVersion"), QStringLiteral(MOBILIZA_PACKAGE_APP_VERSION)},
        {QStringLiteral("photoCount"), manifestPhotoCount(report)},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace

Status writePackage(Services &services, const QString &reportUuid, int revision, const QString &path,
                    const ProgressFn &progress)
{
    auto prepared = preparePackage(services, reportUuid, revision);
    if (!prepared)
        return prepared.error();
    return writePreparedPackage(prepared.value(), path, progress);
}

Result<PreparedPackage> preparePackage(Services &services, const QString &reportUuid, int revision)
{
    auto record = services.reports().revision(reportUuid, revision);
    if (!record) {
        auto report = services.reports().report(reportUuid);
        if (!report)
            return report.error();
        return errors::notConcluded(revision, report->period.display());
    }
    const QByteArray manifest = record->snapshotJson;
    if (BlobStore::sha256Hex(manifest) != record->sha256)
        return errors::damagedRevision();
    auto decoded = decodeManifest(manifest);
    if (!decoded)
        return errors::damagedRevision();
    PreparedPackage prepared{manifest, record->sha256, decoded->report, services.clock().now().toUTC(),
                             services.blobs().dir()};
    for (const QString &blob : manifestBlobs(prepared.report)) {
        if (!services.blobs().has(blob)) {
            auto missing = services.blobs().read(blob); // the store's own "missing photo" message
            return missing ? Error(errors::damagedRevision()) : missing.error();
        }
        prepared.photoBytes += QFileInfo(services.blobs().path(blob)).size();
    }
    return prepared;
}

Status writePreparedPackage(const PreparedPackage &prepared, const QString &path, const ProgressFn &progress)
{
    const BlobStore blobs(prepared.blobDir);
    return writePackageFrom(
        prepared.manifest, prepared.manifestSha256, prepared.report, prepared.createdAtUtc,
        [&blobs](const QString &sha) { return blobs.read(sha); }, path, progress, prepared.photoBytes);
}

Status writePackageFrom(const QByteArray &manifest, const QString &manifestSha256, const Report &report,
                        const QDateTime &createdAtUtc, const PhotoReader &readPhoto, const QString &path,
                        const ProgressFn &progress, qint64 total)
{
    const QStringList blobs = manifestBlobs(report);
    if (progress && !progress(0, total))
        return errors::cancelled();

    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    if (!QFileInfo(folder).isDir())
        return errors::cannotWrite(path, QCoreApplication::translate("ReportPackage", "folder not found"));
    const QString temp = QDir(folder).filePath(QStringLiteral(".") + target.fileName() + QLatin1Char('.') +
                                               newUuid() + QStringLiteral(".part"));
    TempFileGuard guard(temp);

    const QDateTime createdAt = createdAtUtc;
    QByteArray checksums;
    {
        QuaZip zip(temp);
        if (!zip.open(QuaZip::mdCreate))
            return errors::cannotWrite(path, QStringLiteral("zip %1").arg(zip.getZipError()));
        // JSON is compressed; JPEG is stored as is (it does not compress).
        auto add = [&](const QString &name, const QByteArray &data, bool compress) -> Status {
            QuaZipNewInfo info(name);
            info.dateTime = createdAt.toLocalTime();
            info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                QFileDevice::ReadOther);
            QuaZipFile file(&zip);
            if (!file.open(QIODevice::WriteOnly, info, nullptr, 0, compress ? Z_DEFLATED : 0,
                           compress ? Z_DEFAULT_COMPRESSION : 0))
                return errors::cannotWrite(path, QStringLiteral("zip %1").arg(file.getZipError()));
            if (file.write(data) != data.size()) {
                file.close();
                return errors::cannotWrite(path, file.errorString());
            }
            file.close();
            if (file.getZipError() != ZIP_OK)
                return errors::cannotWrite(path, QStringLiteral("zip %1").arg(file.getZipError()));
            checksums += BlobStore::sha256Hex(data).toLatin1() + "  " + name.toUtf8() + '\n';
            return {};
        };

        Status written =
            add(QLatin1String(kPackageJson), packageJson(report, manifestSha256, createdAt), true);
        if (written)
            written = add(QLatin1String(kManifestJson), manifest, true);
        qint64 done = 0;
        for (const QString &blob : blobs) {
            if (!written)
                break;
            auto bytes = readPhoto(blob);
            if (!bytes) {
                written = bytes.error();
                break;
            }
            if (BlobStore::sha256Hex(bytes.value()) != blob) {
                written = errors::damagedRevision();
                break;
            }
            written = add(photoEntryName(blob), bytes.value(), false);
            done += bytes->size();
            if (written && progress && !progress(done, total))
                written = errors::cancelled();
        }
        if (written)
            written = add(QLatin1String(kChecksums), checksums, true);
        zip.close();
        if (!written)
            return written;
        if (zip.getZipError() != ZIP_OK)
            return errors::cannotWrite(path, QStringLiteral("zip %1").arg(zip.getZipError()));
    }
    if (!syncToDisk(temp))
        return errors::cannotWrite(path, QStringLiteral("fsync"));
    if (!replaceFile(temp, path))
        return errors::cannotWrite(path, QStringLiteral("rename"));
    guard.commit();
    syncDir(folder);
    return {};
}

} // namespace mobiliza::core::package
