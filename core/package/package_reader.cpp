// Reading and verifying a report package. Nothing in the file is trusted until
// it is checked: names come only from checksums.sha256 and must follow the
// layout; every read is bounded by the declared size, itself bounded by the
// limits, so a zip bomb stops at the first byte beyond what it declared.
#include "core/package/json_read.h"
#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/package/report_package.h"
#include "core/package/zip_entry_p.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"

#include <quazip/quazip.h>
#include <quazip/quazipfileinfo.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

namespace mobiliza::core::package {

namespace {

bool isPhotoEntryName(const QString &name)
{
    static const QString prefix = QStringLiteral("photos/");
    static const QString suffix = QStringLiteral(".jpg");
    return name.size() == prefix.size() + 64 + suffix.size() && name.startsWith(prefix) &&
           name.endsWith(suffix) && BlobStore::isValidSha256(name.mid(prefix.size(), 64));
}

bool isLayoutName(const QString &name)
{
    return name == QLatin1String(kPackageJson) || name == QLatin1String(kManifestJson) ||
           isPhotoEntryName(name);
}

// package.json, strictly: exactly the keys of format version 1.
Result<PackageInfo> parseInfo(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return errors::notAPackage();
    const QJsonObject o = document.object();
    PackageInfo info;
    info.format = o.value(QLatin1String("format")).toString();
    if (info.format != QLatin1String(kFormat))
        return errors::notAPackage();
    if (!readJsonInt(o.value(QLatin1String("formatVersion")), 1, 1000000, &info.formatVersion))
        return errors::corrupt();
    if (info.formatVersion > kFormatVersion)
        return errors::newerVersion(info.formatVersion);

    static const QStringList keys{
        QStringLiteral("format"),     QStringLiteral("formatVersion"),  QStringLiteral("report"),
        QStringLiteral("program"),    QStringLiteral("municipality"),   QStringLiteral("period"),
        QStringLiteral("revision"),   QStringLiteral("manifestSha256"), QStringLiteral("createdAt"),
        QStringLiteral("appVersion"), QStringLiteral("photoCount")};
    if (o.size() != keys.size())
        return errors::corrupt();
    for (const QString &key : keys)
        if (!o.contains(key))
            return errors::corrupt();
    for (const char *key :
         {"report", "program", "municipality", "period", "manifestSha256", "createdAt", "appVersion"})
        if (!o.value(QLatin1String(key)).isString() || o.value(QLatin1String(key)).toString().size() > 200)
            return errors::corrupt();
    info.reportUuid = o.value(QLatin1String("report")).toString();
    info.programId = o.value(QLatin1String("program")).toString();
    info.municipality = o.value(QLatin1String("municipality")).toString();
    info.period = Period::fromKey(o.value(QLatin1String("period")).toString());
    info.manifestSha256 = o.value(QLatin1String("manifestSha256")).toString();
    info.createdAt = parseStoreTimestamp(o.value(QLatin1String("createdAt")).toString());
    info.appVersion = o.value(QLatin1String("appVersion")).toString();
    if (!readJsonInt(o.value(QLatin1String("revision")), 1, ManifestLimits::kMaxRevision, &info.revision) ||
        !readJsonInt(o.value(QLatin1String("photoCount")), 0, ManifestLimits::kMaxPhotos, &info.photoCount) ||
        !info.period.isValid() || !info.createdAt.isValid() || !BlobStore::isValidSha256(info.manifestSha256))
        return errors::corrupt();
    return info;
}

} // namespace

QString photoEntryName(const QString &sha256)
{
    return QStringLiteral("photos/") + sha256 + QStringLiteral(".jpg");
}

PackageReader::PackageReader(QString path) : m_path(std::move(path)) {}

PackageReader::~PackageReader()
{
    if (m_zip && m_zip->isOpen())
        m_zip->close();
}

Status PackageReader::openZip()
{
    const QFileInfo info(m_path);
    if (!info.exists() || !info.isFile())
        return errors::cannotRead(m_path, QCoreApplication::translate("ReportPackage", "file not found"));
    if (info.size() > Limits::kMaxTotalBytes)
        return errors::tooLarge();
    // Not "not a package": an empty .mobiliza is a copy or download that never finished.
    if (info.size() == 0)
        return errors::emptyFile(m_path);
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return errors::cannotRead(m_path, file.errorString());
        const QByteArray magic = file.read(4);
        // A ZIP starts with a local file header. A file that starts like one but
        // cannot be opened was cut or damaged; anything else is not a package.
        if (magic != QByteArray("PK\x03\x04", 4))
            return errors::notAPackage();
    }
    m_zip = std::make_unique<QuaZip>(m_path);
    if (!m_zip->open(QuaZip::mdUnzip))
        return errors::corrupt();
    const int count = m_zip->getEntriesCount();
    if (count < 0)
        return errors::corrupt();
    if (count > Limits::kMaxEntries)
        return errors::tooLarge();

    qint64 total = 0;
    int seen = 0;
    for (bool more = m_zip->goToFirstFile(); more; more = m_zip->goToNextFile()) {
        if (++seen > Limits::kMaxEntries)
            return errors::tooLarge();
        QuaZipFileInfo64 entry;
        if (!m_zip->getCurrentFileInfo(&entry))
            return errors::corrupt();
        if (entry.isEncrypted() || m_entries.contains(entry.name))
            return errors::corrupt();
        if (entry.uncompressedSize > quint64(Limits::kMaxEntryBytes))
            return errors::tooLarge();
        total += qint64(entry.uncompressedSize);
        if (total > Limits::kMaxTotalBytes)
            return errors::tooLarge();
        m_entries.insert(entry.name, Entry{qint64(entry.uncompressedSize)});
    }
    if (m_zip->getZipError() != UNZ_OK)
        return errors::corrupt();
    return {};
}

Result<QByteArray> PackageReader::readEntry(const QString &name, qint64 maxBytes, QString *sha256,
                                            const std::function<bool(qint64)> &onChunk)
{
    const auto it = m_entries.constFind(name);
    if (it == m_entries.constEnd())
        return errors::corrupt();
    return readZipEntry(*m_zip, name, it->size, maxBytes, sha256, onChunk);
}

Result<PackageContents> PackageReader::verify(const ProgressFn &progress)
{
    m_verified = false;
    m_entries.clear();
    m_checksums.clear();
    if (Status opened = openZip(); !opened)
        return opened.error();

    const QString packageName = QLatin1String(kPackageJson);
    const QString manifestName = QLatin1String(kManifestJson);
    const QString checksumsName = QLatin1String(kChecksums);
    const bool hasPackage = m_entries.contains(packageName);
    const bool hasManifest = m_entries.contains(manifestName);
    const bool hasChecksums = m_entries.contains(checksumsName);
    if (!hasPackage && !hasManifest && !hasChecksums)
        return errors::notAPackage(); // some other ZIP file
    if (!hasPackage || !hasManifest || !hasChecksums)
        return errors::corrupt();

    // The checksums name every trusted file; nothing unlisted is ever read.
    auto checksumsText = readEntry(checksumsName, Limits::kMaxChecksumsBytes, nullptr);
    if (!checksumsText)
        return checksumsText.error();
    auto sums = parseChecksumsEntry(checksumsText.value(), isLayoutName);
    if (!sums)
        return sums.error();
    m_checksums = sums.value();
    if (!m_checksums.contains(packageName) || !m_checksums.contains(manifestName))
        return errors::corrupt();
    for (auto it = m_checksums.constBegin(); it != m_checksums.constEnd(); ++it)
        if (!m_entries.contains(it.key()))
            return errors::corrupt();

    // package.json first: it says whether this is a package of a known version.
    QString sha;
    auto infoBytes = readEntry(packageName, Limits::kMaxPackageJsonBytes, &sha);
    if (!infoBytes)
        return infoBytes.error();
    if (sha != m_checksums.value(packageName))
        return errors::corrupt();
    auto info = parseInfo(infoBytes.value());
    if (!info)
        return info.error();

    PackageContents contents;
    contents.info = info.value();
    auto manifest = readEntry(manifestName, ManifestLimits::kMaxBytes, &sha);
    if (!manifest)
        return manifest.error();
    if (sha != m_checksums.value(manifestName) || sha != contents.info.manifestSha256)
        return errors::corrupt();
    contents.manifestJson = manifest.value();
    auto decoded = decodeManifest(contents.manifestJson);
    if (!decoded)
        return errors::corrupt();
    contents.report = decoded->report;
    contents.concludedAt = decoded->concludedAt;

    const Report &report = contents.report;
    const PackageInfo &pi = contents.info;
    if (pi.reportUuid != report.uuid || pi.programId != report.programId ||
        pi.municipality != report.municipality || pi.period != report.period ||
        pi.revision != report.revision || pi.photoCount != manifestPhotoCount(report))
        return errors::corrupt();

    // Exactly the manifest's photos, each under its own hash.
    contents.blobs = manifestBlobs(report);
    QSet<QString> expected;
    for (const QString &blob : std::as_const(contents.blobs)) {
        expected.insert(photoEntryName(blob));
        contents.blobBytes += m_entries.value(photoEntryName(blob)).size;
    }
    for (auto it = m_checksums.constBegin(); it != m_checksums.constEnd(); ++it)
        if (isPhotoEntryName(it.key()) && !expected.contains(it.key()))
            return errors::corrupt();
    qint64 done = 0;
    const qint64 total = contents.blobBytes;
    if (progress && !progress(0, total))
        return errors::cancelled();
    for (const QString &blob : std::as_const(contents.blobs)) {
        const QString name = photoEntryName(blob);
        if (m_checksums.value(name) != blob)
            return errors::corrupt(); // unlisted, or listed under another hash
        auto bytes = readEntry(name, Limits::kMaxEntryBytes, &sha, [&](qint64 n) {
            done += n;
            return !progress || progress(done, total);
        });
        if (!bytes)
            return bytes.error();
        if (sha != blob)
            return errors::corrupt();
    }
    m_verified = true;
    return contents;
}

Result<QByteArray> PackageReader::blob(const QString &sha256)
{
    const QString name = photoEntryName(sha256);
    if (!m_verified || m_checksums.value(name) != sha256)
        return errors::corrupt();
    QString sha;
    auto bytes = readEntry(name, Limits::kMaxEntryBytes, &sha);
    if (!bytes)
        return bytes.error();
    if (sha != sha256)
        return errors::corrupt(); // the file changed since it was verified
    return bytes;
}

Result<PackageContents> readPackage(const QString &path, const ProgressFn &progress)
{
    PackageReader reader(path);
    return reader.verify(progress);
}

} // namespace mobiliza::core::package
