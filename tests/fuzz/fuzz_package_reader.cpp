// The package reader (core/package: PackageReader::verify and blob) on hostile
// files. Two kinds of input:
//  - raw bytes: written as the .mobiliza file as they are (damaged ZIPs, bombs,
//    odd central directories: QuaZip's parsing as the reader drives it);
//  - "MZPK1\n" + parts separated by "\n--8<--\n": package.json, manifest.json,
//    then the photos. The target writes a well-formed ZIP from them with
//    correct checksums (in package.json "$MANIFEST_SHA" becomes the manifest's
//    SHA-256; in the manifest "$PHOTO_SHA_<n>" the n-th photo's), so mutations
//    reach the checks behind the checksums: package.json's fields, the manifest
//    decoder and the cross-checks between them.
// Either way: refuse with a named error or verify, never crash; a verified
// package gives back exactly its photos.
#include "core/package/report_package.h"
#include "core/services/blob_store.h"
#include "tests/fuzz/fuzz_common.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCryptographicHash>
#include <QFile>

#include <cstdio>

using namespace mobiliza;

namespace {

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool addEntry(QuaZip &zip, const QString &name, const QByteArray &data)
{
    QuaZipFile file(&zip);
    // Stored, not deflated: the reader sees the same bytes and the target stays fast.
    if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(name), nullptr, 0, 0, 0))
        return false;
    const bool ok = file.write(data) == data.size();
    file.close();
    return ok && file.getZipError() == UNZ_OK;
}

QList<QByteArray> splitParts(const QByteArray &input)
{
    static const QByteArray sep = QByteArrayLiteral("\n--8<--\n");
    QList<QByteArray> out;
    qsizetype from = 0;
    for (;;) {
        const qsizetype at = input.indexOf(sep, from);
        if (at < 0) {
            out << input.mid(from);
            return out;
        }
        out << input.mid(from, at - from);
        from = at + sep.size();
    }
}

bool writeStructured(const QString &path, const QByteArray &input)
{
    const QList<QByteArray> parts = splitParts(input);
    if (parts.size() < 2 || parts.size() > 40)
        return false;
    QByteArray info = parts[0];
    QByteArray manifest = parts[1];
    const QList<QByteArray> photos = parts.mid(2);
    for (qsizetype i = photos.size(); i >= 1; --i) // $PHOTO_SHA_10 before $PHOTO_SHA_1
        manifest.replace(QByteArray(QByteArrayLiteral("$PHOTO_SHA_") + QByteArray::number(i)),
                         sha256(photos[i - 1]).toLatin1());
    info.replace(QByteArrayLiteral("$MANIFEST_SHA"), sha256(manifest).toLatin1());

    QByteArray checksums;
    QList<QPair<QString, QByteArray>> entries{{QStringLiteral("package.json"), info},
                                              {QStringLiteral("manifest.json"), manifest}};
    for (const QByteArray &photo : photos)
        entries << qMakePair(core::package::photoEntryName(sha256(photo)), photo);
    for (const auto &e : std::as_const(entries))
        checksums += sha256(e.second).toLatin1() + "  " + e.first.toUtf8() + '\n';
    entries << qMakePair(QStringLiteral("checksums.sha256"), checksums);

    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    bool ok = true;
    for (const auto &e : std::as_const(entries))
        ok = ok && addEntry(zip, e.first, e.second);
    zip.close();
    return ok && zip.getZipError() == UNZ_OK;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::app();
    (void)fuzz::scratchDir();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString path = fuzz::scratchDir() + QStringLiteral("/input.mobiliza");
    QFile::remove(path);
    static const QByteArray structured = QByteArrayLiteral("MZPK1\n");
    if (input.startsWith(structured)) {
        if (!writeStructured(path, input.mid(structured.size())))
            return 0;
    } else {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            std::abort();
    }

    core::package::PackageReader reader(path);
    auto contents = reader.verify([](qint64 done, qint64 total) { return done >= 0 && done <= total; });
    if (fuzz::verbose())
        std::fprintf(stderr, "%s\n", contents ? "verified" : qPrintable(contents.error().code));
    if (!contents) {
        if (contents.error().code.isEmpty() || contents.error().message.isEmpty() ||
            contents.error().code == QLatin1String("cancelled"))
            std::abort(); // a refusal names itself; progress never went backwards or beyond the total
        return 0;
    }
    for (const QString &blob : std::as_const(contents->blobs)) {
        auto bytes = reader.blob(blob);
        if (!bytes || core::BlobStore::sha256Hex(bytes.value()) != blob)
            std::abort();
    }
    return 0;
}
