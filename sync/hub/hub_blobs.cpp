// BlobDesk: the photo files (blobs) — which are missing, storing one, the quota,
// and deleting those no revision references any more.
#include "sync/hub/hub_blobs.h"

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

Outcome<QStringList> BlobDesk::missing(const QStringList &names) const
{
    QStringList out;
    for (const QString &sha : distinct(names))
        if (!m_hub.blobs().has(sha))
            out << sha;
    return out;
}

Outcome<QSet<QString>> BlobDesk::known(const TokenRecord &token, const QStringList &names) const
{
    auto found = m_hub.store().knownBlobs(names, m_hub.municipalitiesOf(token.scope), token.id);
    if (!found)
        return Hub::serverError(found.error());
    return found.value();
}

Outcome<QStringList> BlobDesk::missing(const TokenRecord &token, const QStringList &names) const
{
    const QStringList unique = distinct(names);
    auto scopeKnows = known(token, unique);
    if (!scopeKnows)
        return scopeKnows.error();
    QStringList out;
    for (const QString &sha : unique) // a file is looked at only when the scope knows it
        if (!scopeKnows->contains(sha) || !m_hub.blobs().has(sha))
            out << sha;
    return out;
}

core::Result<qint64> BlobDesk::unattachedBytes(const TokenRecord &token) const
{
    return m_hub.store().unattachedBytes(token.id, m_hub.municipalitiesOf(token.scope));
}

Outcome<bool> BlobDesk::admitUpload(const TokenRecord &token, const QString &sha256, qint64 bytes,
                                    qint64 *unattached) const
{
    const qint64 quota = m_hub.options().quotaBytes;
    auto standing =
        m_hub.store().blobStanding(sha256, m_hub.municipalitiesOf(token.scope), token.id, quota > 0);
    if (!standing)
        return Hub::serverError(standing.error());
    if (unattached)
        *unattached = standing->unattachedBytes;
    // Already counted, or attached: storing it again costs nothing.
    if (quota <= 0 || standing->known || standing->unattachedBytes + qMax<qint64>(0, bytes) <= quota)
        return standing->known;
    const auto mib = [](qint64 b) { return QString::number(double(b) / (1024.0 * 1024.0), 'f', 1); };
    return Hub::error(
        413, QStringLiteral("quota_exceeded"),
        QCoreApplication::translate(
            "Hub",
            "The hub is keeping %1 MiB of photos from this installation that no report sent to it names "
            "yet, the most it keeps per installation (%2 MiB). Send the reports those photos belong to "
            "(their photos then count no more), or ask the regional office (URS) to raise the limit. "
            "Photos that no report names are discarded after 7 days.")
            .arg(mib(standing->unattachedBytes), mib(quota)));
}

core::Status BlobDesk::recordUpload(const TokenRecord &token, const QString &sha256, qint64 bytes)
{
    return m_hub.store().recordUpload(sha256, token.id, bytes, m_hub.now());
}

core::Result<bool> BlobDesk::recordUpload(const TokenRecord &token, const QString &sha256, qint64 bytes,
                                          UploadRecorder &recorder)
{
    return recorder.record(m_hub.store(), HubStore::Upload{sha256, token.id, bytes, m_hub.now()});
}

Outcome<bool> BlobDesk::knownBefore(const TokenRecord &token, const QString &sha256, bool newForToken) const
{
    if (!newForToken)
        return true;
    // Not the token's own: known only through a revision of its scope (rare: a
    // reinstalled installation, or the same photo in two of a URS's reports).
    auto named = m_hub.store().knownBlobs({sha256}, m_hub.municipalitiesOf(token.scope), QString());
    if (!named)
        return Hub::serverError(named.error());
    return named->contains(sha256);
}

Outcome<BlobOutcome> BlobDesk::put(const TokenRecord &token, const QString &sha256, const QByteArray &bytes,
                                   std::optional<bool> knownAtAdmission)
{
    bool knownBefore = knownAtAdmission.value_or(false);
    if (!knownAtAdmission && sync::isSha256Hex(sha256) &&
        bytes.size() <= m_hub.options().limits.maxBlobBytes) {
        auto admitted = admitUpload(token, sha256, bytes.size());
        if (!admitted)
            return admitted.error();
        knownBefore = admitted.value();
    }
    auto stored = put(sha256, bytes);
    if (!stored)
        return stored;
    if (auto recorded = recordUpload(token, sha256, stored->bytes); !recorded)
        return Hub::serverError(recorded.error());
    BlobOutcome outcome = stored.value();
    // "Already there" only for what the token could already count as present: the
    // answer must not tell whether another municipality has the same photo.
    outcome.created = stored->created || !knownBefore;
    return outcome;
}

core::Result<core::BlobCollection> BlobDesk::collect(qint64 graceSeconds)
{
    QWriteLocker exclusive(&Hub::blobLifecycle());
    auto referenced = m_hub.store().referencedBlobs();
    if (!referenced)
        return referenced.error();
    core::BlobCollector collector(m_hub.blobs(), graceSeconds);
    auto collected = collector.collect(referenced.value(), m_hub.now(),
                                       [this] { return m_hub.store().referencedBlobs(); });
    if (collected && !collected->deleted.isEmpty()) {
        // A collected blob is no longer anyone's upload (nor counted in a quota).
        if (auto forgotten = m_hub.store().forgetUploads(collected->deleted); !forgotten)
            qCWarning(lcHub) << "blob collection: uploads not forgotten:" << forgotten.error().message;
        qCInfo(lcHub).noquote() << QStringLiteral("blob collection: deleted %1 unreferenced blob(s): %2")
                                       .arg(collected->deleted.size())
                                       .arg(collected->deleted.join(QLatin1Char(' ')));
    }
    return collected;
}

Outcome<BlobOutcome> BlobDesk::put(const QString &sha256, const QByteArray &bytes)
{
    if (!sync::isSha256Hex(sha256))
        return Hub::error(
            400, QStringLiteral("bad_name"),
            QCoreApplication::translate(
                "Hub", "The photo's name is not a SHA-256 (64 lower-case hexadecimal digits)."));
    if (bytes.size() > m_hub.options().limits.maxBlobBytes)
        return Hub::error(
            413, QStringLiteral("too_large"),
            QCoreApplication::translate(
                "Hub",
                "The photo is larger than the hub accepts (%1 bytes at most). Reduce the photo and send "
                "it again.")
                .arg(m_hub.options().limits.maxBlobBytes));
    if (core::BlobStore::sha256Hex(bytes) != sha256)
        return Hub::error(
            422, QStringLiteral("hash_mismatch"),
            QCoreApplication::translate(
                "Hub", "The photo arrived damaged (its content does not match its name). Nothing was stored; "
                       "send it again."));
    // Already there: 200. BlobStore::put re-verifies an existing file and replaces a damaged one.
    const bool existed = m_hub.blobs().has(sha256);
    auto stored = m_hub.blobs().putHashed(sha256, bytes); // just checked: not hashed again
    if (!stored)
        return Hub::serverError(stored.error());
    return BlobOutcome{sha256, bytes.size(), !existed};
}

} // namespace mobiliza::hub
