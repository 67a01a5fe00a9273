// Hub: the photo files (blobs) — which are missing, storing one, and deleting
// those no revision references any more (split from hub.cpp by feature).
#include "sync/hub/hub.h"

#include "core/services/blob_store.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSet>

namespace mobiliza::hub {

Q_DECLARE_LOGGING_CATEGORY(lcHub)

// ------------------------------------------------------------------- blobs
namespace {

// The names once each, in their first order: O(n) with a set.
QStringList distinct(const QStringList &names)
{
    QStringList out;
    out.reserve(names.size());
    QSet<QString> seen;
    seen.reserve(names.size());
    for (const QString &name : names)
        if (!seen.contains(name)) {
            seen.insert(name);
            out << name;
        }
    return out;
}

} // namespace

Outcome<QStringList> Hub::missingBlobs(const QStringList &names) const
{
    QStringList missing;
    for (const QString &sha : distinct(names))
        if (!m_blobs.has(sha))
            missing << sha;
    return missing;
}

Outcome<QSet<QString>> Hub::knownBlobs(const TokenRecord &token, const QStringList &names) const
{
    auto known = m_store.knownBlobs(names, municipalitiesOf(token.scope), token.id);
    if (!known)
        return serverError(known.error());
    return known.value();
}

Outcome<QStringList> Hub::missingBlobs(const TokenRecord &token, const QStringList &names) const
{
    const QStringList unique = distinct(names);
    auto known = knownBlobs(token, unique);
    if (!known)
        return known.error();
    QStringList missing;
    for (const QString &sha : unique)
        if (!known->contains(sha) || !m_blobs.has(sha)) // a file is looked at only when the scope knows it
            missing << sha;
    return missing;
}

core::Result<qint64> Hub::unattachedBytes(const TokenRecord &token) const
{
    return m_store.unattachedBytes(token.id, municipalitiesOf(token.scope));
}

std::optional<Refusal> Hub::quotaRefusal(const TokenRecord &token, const QString &sha256, qint64 bytes) const
{
    if (m_options.quotaBytes <= 0)
        return std::nullopt;
    auto known = knownBlobs(token, {sha256});
    if (!known)
        return known.error();
    if (known->contains(sha256)) // already counted, or attached: storing it again costs nothing
        return std::nullopt;
    auto used = unattachedBytes(token);
    if (!used)
        return serverError(used.error());
    if (used.value() + qMax<qint64>(0, bytes) <= m_options.quotaBytes)
        return std::nullopt;
    const auto mib = [](qint64 b) { return QString::number(double(b) / (1024.0 * 1024.0), 'f', 1); };
    return error(
        413, QStringLiteral("quota_exceeded"),
        QCoreApplication::translate(
            "Hub",
            "The hub is keeping %1 MiB of photos from this installation that no report sent to it names "
            "yet, the most it keeps per installation (%2 MiB). Send the reports those photos belong to "
            "(their photos then count no more), or ask the regional office (URS) to raise the limit. "
            "Photos that no report names are discarded after 7 days.")
            .arg(mib(used.value()), mib(m_options.quotaBytes)));
}

core::Status Hub::recordUpload(const TokenRecord &token, const QString &sha256, qint64 bytes)
{
    return m_store.recordUpload(sha256, token.id, bytes, m_clock.now());
}

Outcome<BlobOutcome> Hub::putBlob(const TokenRecord &token, const QString &sha256, const QByteArray &bytes)
{
    bool knownBefore = false;
    if (sync::isSha256Hex(sha256)) {
        auto known = knownBlobs(token, {sha256});
        if (!known)
            return known.error();
        knownBefore = known->contains(sha256);
    }
    if (!knownBefore && sync::isSha256Hex(sha256) && bytes.size() <= m_options.limits.maxBlobBytes)
        if (auto refused = quotaRefusal(token, sha256, bytes.size()))
            return *refused;
    auto stored = putBlob(sha256, bytes);
    if (!stored)
        return stored;
    if (auto recorded = recordUpload(token, sha256, stored->bytes); !recorded)
        return serverError(recorded.error());
    BlobOutcome outcome = stored.value();
    // "Already there" only for what the token could already count as present: the
    // answer must not tell whether another municipality has the same photo.
    outcome.created = stored->created || !knownBefore;
    return outcome;
}

QReadWriteLock &Hub::blobLifecycle()
{
    static QReadWriteLock lock;
    return lock;
}

core::Result<core::BlobCollection> Hub::collectBlobs(qint64 graceSeconds)
{
    QWriteLocker exclusive(&blobLifecycle());
    auto referenced = m_store.referencedBlobs();
    if (!referenced)
        return referenced.error();
    core::BlobCollector collector(m_blobs, graceSeconds);
    auto collected = collector.collect(referenced.value(), m_clock.now(),
                                       [this] { return m_store.referencedBlobs(); });
    if (collected && !collected->deleted.isEmpty()) {
        // A collected blob is no longer anyone's upload (nor counted in a quota).
        if (auto forgotten = m_store.forgetUploads(collected->deleted); !forgotten)
            qCWarning(lcHub) << "blob collection: uploads not forgotten:" << forgotten.error().message;
        qCInfo(lcHub).noquote() << QStringLiteral("blob collection: deleted %1 unreferenced blob(s): %2")
                                       .arg(collected->deleted.size())
                                       .arg(collected->deleted.join(QLatin1Char(' ')));
    }
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
