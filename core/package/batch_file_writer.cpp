// Writing a batch file: a temporary file next to the target, flushed to disk and
// renamed over it at the end, as a report package (package_writer.cpp).
#include "core/package/batch_file.h"

#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/util/durable_file.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#ifndef MOBILIZA_PACKAGE_APP_VERSION
#define MOBILIZA_PACKAGE_APP_VERSION "0"
#endif

namespace mobiliza::core::package {

namespace {

using durable::replaceFile;
using durable::syncDir;
using durable::syncToDisk;
using durable::TempFileGuard;

Error badBatch(const QString &why)
{
    return Error{QStringLiteral("invalid_batch"),
                 QCoreApplication::translate("BatchFile", "The batch file was not written: %1").arg(why)};
}

} // namespace

QString batchManifestEntryName(const QString &reportUuid, int revision)
{
    return QStringLiteral("manifests/%1.%2.json").arg(reportUuid).arg(revision);
}

Status writeBatchFile(const BatchFileInfo &info, const QList<BatchFileInput> &revisions,
                      const std::function<Result<QByteArray>(const QString &sha256)> &readPhoto, const QString &path,
                      const ProgressFn &progress)
{
    if (!isCanonicalUuid(info.batchUuid) || info.urs.trimmed().isEmpty() || !info.period.isValid() ||
        !info.createdAt.isValid() || info.createdBy.trimmed().isEmpty())
        return badBatch(QCoreApplication::translate("BatchFile", "the batch needs its id, URS, month, date and author."));
    if (revisions.isEmpty() || revisions.size() > kMaxBatchFileRevisions)
        return badBatch(QCoreApplication::translate("BatchFile", "a batch holds 1 to %1 reports.")
                            .arg(kMaxBatchFileRevisions));

    // Every manifest decodes strictly and belongs to the batch's month, each report once.
    QJsonArray listed;
    QList<QPair<QString, QByteArray>> manifests; // entry name, bytes
    QStringList photos;
    QSet<QString> seenReports;
    QSet<QString> seenPhotos;
    for (const BatchFileInput &in : revisions) {
        auto decoded = decodeManifest(in.manifestJson);
        if (!decoded)
            return badBatch(decoded.error().message);
        const Report &r = decoded->report;
        if (r.period != info.period)
            return badBatch(QCoreApplication::translate("BatchFile", "a report of %1 is not of the batch's month.")
                                .arg(r.period.key()));
        if (seenReports.contains(r.uuid))
            return badBatch(QCoreApplication::translate("BatchFile", "a report appears twice."));
        seenReports.insert(r.uuid);
        const QString sha = BlobStore::sha256Hex(in.manifestJson);
        listed.append(QJsonObject{{QStringLiteral("report"), r.uuid},
                                  {QStringLiteral("revision"), r.revision},
                                  {QStringLiteral("manifestSha256"), sha},
                                  {QStringLiteral("municipality"), r.municipality}});
        manifests << qMakePair(batchManifestEntryName(r.uuid, r.revision), in.manifestJson);
        for (const QString &blob : manifestBlobs(r))
            if (!seenPhotos.contains(blob)) {
                seenPhotos.insert(blob);
                photos << blob;
            }
    }
    const QByteArray batchJson =
        QJsonDocument(QJsonObject{{QStringLiteral("format"), QLatin1String(kBatchFormat)},
                                  {QStringLiteral("formatVersion"), kBatchFormatVersion},
                                  {QStringLiteral("batch"), info.batchUuid},
                                  {QStringLiteral("urs"), info.urs.trimmed()},
                                  {QStringLiteral("period"), info.period.key()},
                                  {QStringLiteral("createdAt"), storeTimestamp(info.createdAt.toUTC())},
                                  {QStringLiteral("createdBy"), info.createdBy.trimmed()},
                                  {QStringLiteral("appVersion"), QStringLiteral(MOBILIZA_PACKAGE_APP_VERSION)},
                                  {QStringLiteral("revisions"), listed}})
            .toJson(QJsonDocument::Indented);

    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    if (!QFileInfo(folder).isDir())
        return errors::cannotWrite(path, QCoreApplication::translate("ReportPackage", "folder not found"));
    const QString temp = QDir(folder).filePath(QStringLiteral(".") + target.fileName() + QLatin1Char('.') +
                                               newUuid() + QStringLiteral(".part"));
    TempFileGuard guard(temp);
    const QDateTime stamp = info.createdAt.toLocalTime();
    QByteArray checksums;
    {
        QuaZip zip(temp);
        if (!zip.open(QuaZip::mdCreate))
            return errors::cannotWrite(path, QStringLiteral("zip %1").arg(zip.getZipError()));
        auto add = [&](const QString &name, const QByteArray &data, bool compress) -> Status {
            QuaZipNewInfo entry(name);
            entry.dateTime = stamp;
            entry.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                 QFileDevice::ReadOther);
            QuaZipFile file(&zip);
            if (!file.open(QIODevice::WriteOnly, entry, nullptr, 0, compress ? Z_DEFLATED : 0,
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
        Status written = add(QLatin1String(kBatchJson), batchJson, true);
        for (const auto &[name, bytes] : std::as_const(manifests))
            if (written)
                written = add(name, bytes, true);
        qint64 done = 0;
        if (written && progress && !progress(0, 0))
            written = errors::cancelled();
        for (const QString &blob : std::as_const(photos)) {
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
            if (written && progress && !progress(done, 0))
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
