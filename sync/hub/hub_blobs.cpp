// Hub: the photo files (blobs) — which are missing, storing one, and deleting
// those no revision references any more (split from hub.cpp by feature).
#include "sync/hub/hub.h"

#include "core/services/blob_store.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace mobiliza::hub {

Q_DECLARE_LOGGING_CATEGORY(lcHub)

// ------------------------------------------------------------------- blobs
Outcome<QStringList> Hub::missingBlobs(const QStringList &names) const
{
    QStringList missing;
    for (const QString &sha : names)
        if (!m_blobs.has(sha) && !missing.contains(sha))
            missing << sha;
    return missing;
}

core::Result<core::BlobCollection> Hub::collectBlobs(qint64 graceSeconds)
{
    auto referenced = m_store.referencedBlobs();
    if (!referenced)
        return referenced.error();
    core::BlobCollector collector(m_blobs, graceSeconds);
    auto collected = collector.collect(referenced.value(), m_clock.now(),
                                       [this] { return m_store.referencedBlobs(); });
    if (collected && !collected->deleted.isEmpty())
        qCInfo(lcHub).noquote() << QStringLiteral("blob collection: deleted %1 unreferenced blob(s): %2")
                                       .arg(collected->deleted.size())
                                       .arg(collected->deleted.join(QLatin1Char(' ')));
    return collected;
}

Outcome<BlobOutcome> Hub::putBlob(const QString &sha256, const QByteArray &bytes)
{
    if (!sync::isSha256Hex(sha256))
        return error(400, QStringLiteral("bad_name"),
                     QCoreApplication::translate(
                         "Hub", "The photo's name is not a SHA-256 (64 lower-case hexadecimal digits)."));
    if (bytes.size() > m_options.limits.maxBlobBytes)
        return error(
            413, QStringLiteral("too_large"),
            QCoreApplication::translate(
                "Hub",
                "The photo is larger than the hub accepts (%1 bytes at most). Reduce the photo and send "
                "it again.")
                .arg(m_options.limits.maxBlobBytes));
    if (core::BlobStore::sha256Hex(bytes) != sha256)
        return error(
            422, QStringLiteral("hash_mismatch"),
            QCoreApplication::translate(
                "Hub", "The photo arrived damaged (its content does not match its name). Nothing was stored; "
                       "send it again."));
    // Already there: 200. BlobStore::put re-verifies an existing file and replaces a damaged one.
    const bool existed = m_blobs.has(sha256);
    auto stored = m_blobs.put(bytes);
    if (!stored)
        return serverError(stored.error());
    return BlobOutcome{sha256, bytes.size(), !existed};
}

} // namespace mobiliza::hub
