#include "core/package/zip_entry_p.h"

#include "core/package/package_errors_p.h"
#include "core/services/blob_store.h"
#include "core/util/sha256.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <algorithm>

namespace mobiliza::core::package {

namespace {

constexpr qint64 kChunk = 64 * 1024;

} // namespace

Result<QByteArray> readZipEntry(QuaZip &zip, const QString &name, qint64 declared, qint64 maxBytes,
                                QString *sha256, const std::function<bool(qint64)> &onChunk)
{
    if (declared > maxBytes)
        return errors::tooLarge();
    if (!zip.setCurrentFile(name, QuaZip::csSensitive))
        return errors::corrupt();
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::ReadOnly))
        return errors::corrupt();

    Sha256 hash;
    QByteArray data;
    data.reserve(declared);
    QByteArray chunk(kChunk, Qt::Uninitialized);
    qint64 total = 0;
    bool cancelled = false;
    bool failed = false;
    for (;;) {
        // Never more than one byte beyond the declared size: enough to see a lie.
        const qint64 want = std::min<qint64>(kChunk, declared - total + 1);
        const qint64 n = file.read(chunk.data(), want);
        if (n < 0) {
            failed = true;
            break;
        }
        if (n == 0)
            break;
        total += n;
        if (total > declared) {
            failed = true;
            break;
        }
        hash.addData(QByteArrayView(chunk.constData(), qsizetype(n)));
        data.append(chunk.constData(), n);
        if (onChunk && !onChunk(n)) {
            cancelled = true;
            break;
        }
    }
    file.close();
    if (cancelled)
        return errors::cancelled();
    // A CRC mismatch shows on close; a short entry shows in the byte count.
    if (failed || file.getZipError() != UNZ_OK || total != declared)
        return errors::corrupt();
    if (sha256)
        *sha256 = hash.hexResult();
    return data;
}

Result<QHash<QString, QString>> parseChecksumsEntry(const QByteArray &text,
                                                    const std::function<bool(const QString &)> &accepts)
{
    QHash<QString, QString> sums;
    if (text.isEmpty() || !text.endsWith('\n'))
        return errors::corrupt();
    for (const QByteArray &line : text.left(text.size() - 1).split('\n')) {
        if (line.size() < 67 || line.at(64) != ' ' || (line.at(65) != ' ' && line.at(65) != '*'))
            return errors::corrupt();
        const QString sha = QString::fromLatin1(line.left(64));
        const QString name = QString::fromUtf8(line.mid(66));
        if (!BlobStore::isValidSha256(sha) || sums.contains(name) || !accepts(name))
            return errors::corrupt();
        sums.insert(name, sha);
    }
    return sums;
}

} // namespace mobiliza::core::package
