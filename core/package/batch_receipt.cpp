// The receipt file: strict JSON with its own checksum, written durably.
#include "core/package/batch_receipt.h"

#include "core/package/batch_file.h"
#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/services/blob_store.h"
#include "core/util/durable_file.h"
#include "core/util/text.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace mobiliza::core::package {

namespace {

constexpr int kMaxText = 200; // urs, issuedBy, issuedByName
constexpr int kMaxHubId = 40;

Error notAReceipt()
{
    return Error{QStringLiteral("not_a_receipt"),
                 QCoreApplication::translate("BatchReceipt",
                                             "This file is not a receipt of a Mobiliza batch. Choose the file "
                                             "with the .mobiliza-recibo extension that the central level gave "
                                             "back for the batch.")};
}

Error corruptReceipt()
{
    return Error{QStringLiteral("corrupt_package"),
                 QCoreApplication::translate("BatchReceipt",
                                             "The receipt file is incomplete or has been altered. Ask the central "
                                             "level for a new receipt of the batch (mobiliza-hub receipt).")};
}

Error receiptTooLarge()
{
    return Error{QStringLiteral("too_large"),
                 QCoreApplication::translate("BatchReceipt",
                                             "The file is far larger than a batch receipt (a few hundred bytes) and "
                                             "was not read. Choose the .mobiliza-recibo file of the batch.")};
}

QString timestamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject receiptObject(const BatchReceipt &r)
{
    return QJsonObject{{QStringLiteral("batch"), r.batchUuid},
                       {QStringLiteral("urs"), r.urs},
                       {QStringLiteral("period"), r.period.key()},
                       {QStringLiteral("count"), r.count},
                       {QStringLiteral("hubId"), r.hubId},
                       {QStringLiteral("receivedAt"), timestamp(r.receivedAt)},
                       {QStringLiteral("batchSha256"), r.batchSha256},
                       {QStringLiteral("issuedBy"), r.issuedBy},
                       {QStringLiteral("issuedByName"), r.issuedByName}};
}

QString canonicalSha256(const QJsonObject &receipt)
{
    return BlobStore::sha256Hex(QJsonDocument(receipt).toJson(QJsonDocument::Compact));
}

bool hasExactly(const QJsonObject &o, const QStringList &keys)
{
    if (o.size() != keys.size())
        return false;
    return std::all_of(keys.cbegin(), keys.cend(), [&o](const QString &k) { return o.contains(k); });
}

bool text(const QJsonObject &o, const char *key, int max, QString *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    *out = v.toString();
    return v.isString() && !out->trimmed().isEmpty() && out->size() <= max && *out == out->trimmed();
}

// The receipt object, strictly: exactly its keys, each of its type and bounds.
Result<BatchReceipt> parseReceipt(const QJsonObject &o)
{
    static const QStringList keys{QStringLiteral("batch"),       QStringLiteral("urs"),
                                  QStringLiteral("period"),      QStringLiteral("count"),
                                  QStringLiteral("hubId"),       QStringLiteral("receivedAt"),
                                  QStringLiteral("batchSha256"), QStringLiteral("issuedBy"),
                                  QStringLiteral("issuedByName")};
    if (!hasExactly(o, keys))
        return corruptReceipt();
    BatchReceipt r;
    QString period, receivedAt;
    if (!text(o, "batch", 36, &r.batchUuid) || !isCanonicalUuid(r.batchUuid) || !text(o, "urs", kMaxText, &r.urs) ||
        !text(o, "period", 7, &period) || !text(o, "hubId", kMaxHubId, &r.hubId) ||
        !text(o, "receivedAt", 40, &receivedAt) || !text(o, "batchSha256", 64, &r.batchSha256) ||
        !BlobStore::isValidSha256(r.batchSha256) || !text(o, "issuedBy", kMaxText, &r.issuedBy) ||
        !text(o, "issuedByName", kMaxText, &r.issuedByName))
        return corruptReceipt();
    r.period = Period::fromKey(period);
    r.receivedAt = QDateTime::fromString(receivedAt, Qt::ISODate).toUTC();
    const QJsonValue count = o.value(QLatin1String("count"));
    const double n = count.toDouble(-1);
    if (!r.period.isValid() || r.period.key() != period || !r.receivedAt.isValid() || !count.isDouble() ||
        n != std::floor(n) || n < 1 || n > 2000)
        return corruptReceipt();
    r.count = int(n);
    return r;
}

Error cannotWriteReceipt(const QString &path, const QString &why)
{
    return Error{QStringLiteral("io"),
                 QCoreApplication::translate("BatchReceipt",
                                             "The receipt file %1 could not be written (%2). Check that the folder "
                                             "exists and is writable (a USB stick may be write-protected) and that "
                                             "the disk has free space.")
                     .arg(QDir::toNativeSeparators(path), why)};
}

} // namespace

QString batchContentSha256(const QString &batchUuid, const Period &period, QList<BatchContentItem> revisions)
{
    std::sort(revisions.begin(), revisions.end(), [](const BatchContentItem &a, const BatchContentItem &b) {
        return a.report != b.report ? a.report < b.report : a.revision < b.revision;
    });
    QJsonArray list;
    for (const BatchContentItem &r : std::as_const(revisions))
        list.append(QJsonObject{{QStringLiteral("report"), r.report},
                                {QStringLiteral("revision"), r.revision},
                                {QStringLiteral("manifestSha256"), r.manifestSha256}});
    return BlobStore::sha256Hex(QJsonDocument(QJsonObject{{QStringLiteral("batch"), batchUuid},
                                                          {QStringLiteral("period"), period.key()},
                                                          {QStringLiteral("revisions"), list}})
                                    .toJson(QJsonDocument::Compact));
}

BatchReceipt makeBatchReceipt(const QString &batchUuid, const QString &urs, const Period &period,
                              const QList<BatchContentItem> &revisions, const QString &hubId,
                              const QDateTime &receivedAt, const QString &issuedBy,
                              const QString &issuedByName)
{
    const auto filled = [](const QString &text, const char *fallback) {
        return text.trimmed().isEmpty() ? QString::fromLatin1(fallback) : text.trimmed().left(kMaxText);
    };
    return BatchReceipt{batchUuid,
                        urs,
                        period,
                        int(revisions.size()),
                        hubId,
                        receivedAt.toUTC(),
                        batchContentSha256(batchUuid, period, revisions),
                        filled(issuedBy, "mobiliza-hub"),
                        filled(issuedByName, "Mobiliza hub")};
}

QByteArray encodeBatchReceipt(const BatchReceipt &receipt)
{
    const QJsonObject object = receiptObject(receipt);
    // Keys sorted: "format" comes first, so a reader knows the file by its first bytes.
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), QLatin1String(kReceiptFormat)},
                                     {QStringLiteral("formatVersion"), kReceiptFormatVersion},
                                     {QStringLiteral("receipt"), object},
                                     {QStringLiteral("receiptSha256"), canonicalSha256(object)}})
        .toJson(QJsonDocument::Indented);
}

Result<BatchReceipt> decodeBatchReceipt(const QByteArray &bytes, const QString &path)
{
    if (bytes.isEmpty())
        return errors::emptyFile(path);
    if (bytes.size() > kMaxReceiptBytes)
        return receiptTooLarge();
    // The magic: the JSON object's first member is "format": "mobiliza-batch-receipt".
    static const QRegularExpression magic(QStringLiteral("^\\x{FEFF}?\\s*\\{\\s*\"format\"\\s*:\\s*\"%1\"")
                                              .arg(QLatin1String(kReceiptFormat)));
    if (!magic.match(QString::fromUtf8(bytes.left(256))).hasMatch())
        return notAReceipt();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return corruptReceipt(); // it starts as a receipt: cut short, or edited
    const QJsonObject o = document.object();
    const QJsonValue version = o.value(QLatin1String("formatVersion"));
    const double v = version.toDouble(-1);
    if (!version.isDouble() || v != std::floor(v) || v < 1 || v > 1000000)
        return corruptReceipt();
    if (v > kReceiptFormatVersion)
        return errors::newerVersion(int(v));
    if (!hasExactly(o, {QStringLiteral("format"), QStringLiteral("formatVersion"), QStringLiteral("receipt"),
                        QStringLiteral("receiptSha256")}) ||
        !o.value(QLatin1String("receipt")).isObject())
        return corruptReceipt();
    const QJsonObject receipt = o.value(QLatin1String("receipt")).toObject();
    if (o.value(QLatin1String("receiptSha256")).toString() != canonicalSha256(receipt))
        return corruptReceipt();
    return parseReceipt(receipt);
}

Status writeBatchReceipt(const BatchReceipt &receipt, const QString &path)
{
    const QFileInfo target(path);
    const QString folder = target.absolutePath();
    if (!QFileInfo(folder).isDir())
        return cannotWriteReceipt(path, QCoreApplication::translate("ReportPackage", "folder not found"));
    const QString temp = QDir(folder).filePath(QStringLiteral(".") + target.fileName() + QLatin1Char('.') +
                                               newUuid() + QStringLiteral(".part"));
    durable::TempFileGuard guard(temp);
    {
        QFile file(temp);
        const QByteArray bytes = encodeBatchReceipt(receipt);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush())
            return cannotWriteReceipt(path, file.errorString());
    }
    if (!durable::syncToDisk(temp))
        return cannotWriteReceipt(path, QStringLiteral("fsync"));
    if (!durable::replaceFile(temp, path))
        return cannotWriteReceipt(path, QStringLiteral("rename"));
    guard.commit();
    durable::syncDir(folder);
    return {};
}

Result<BatchReceipt> readBatchReceipt(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile())
        return errors::cannotRead(path, QCoreApplication::translate("ReportPackage", "file not found"));
    if (info.size() > kMaxReceiptBytes)
        return receiptTooLarge();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return errors::cannotRead(path, file.errorString());
    const QByteArray bytes = file.read(kMaxReceiptBytes + 1); // it may have grown since
    return decodeBatchReceipt(bytes, path);
}

QString receiptPathFor(const QString &batchFilePath)
{
    QString base = batchFilePath;
    if (base.endsWith(QLatin1String(kBatchExtension)))
        base.chop(int(qstrlen(kBatchExtension)));
    return base + QLatin1String(kReceiptExtension);
}

QString batchFileBaseName(const QString &urs, const QString &periodKey)
{
    return QStringLiteral("lote-%1-%2").arg(fileNamePart(urs), periodKey);
}

} // namespace mobiliza::core::package
