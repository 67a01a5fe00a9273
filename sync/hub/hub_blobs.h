// The hub's photo files (blobs, docs/protocol.md §4): which ones a token must
// still send (POST /api/v1/blobs/missing), storing one (PUT /api/v1/blobs/<sha256>,
// streamed by HubServer or whole), the per-token quota of photos no report names
// yet, and the collection of those no stored revision references.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub (store, blob store, scopes, clock, options), so it is made per request.
// The collection takes the Hub's blob lifecycle lock alone (Hub::blobLifecycle).
#pragma once

#include "core/services/blob_collector.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_uploads.h"

#include <QSet>

#include <optional>

namespace mobiliza::hub {

struct BlobOutcome
{
    QString sha256;
    qint64 bytes = 0;
    bool created = false; // false: it was already there
};

class BlobDesk
{
public:
    explicit BlobDesk(Hub &hub) : m_hub(hub) {}

    // Of `names` (duplicates answered once, in order), those the token may not
    // count as present: a blob is present for a token only when its file is here
    // AND a stored revision of a report within the token's scope names it or this
    // very token uploaded it (and it has not been collected). So the answer
    // reveals nothing about other municipalities' photos. Linear in names.
    Outcome<QStringList> missing(const TokenRecord &token, const QStringList &names) const;
    // Stores the blob and records that the token uploaded it (recordUpload).
    // `created` (201) unless the token already counted it as present (200).
    // `knownAtAdmission`: what admitUpload answered for this request (its quota
    // is then checked already); without it, put asks admitUpload first.
    Outcome<BlobOutcome> put(const TokenRecord &token, const QString &sha256, const QByteArray &bytes,
                             std::optional<bool> knownAtAdmission = std::nullopt);
    // Records that the token uploaded this (verified, stored) blob: what
    // put(token, …) does after storing, for a streamed upload too.
    core::Status recordUpload(const TokenRecord &token, const QString &sha256, qint64 bytes);
    // Of `names`, those the token's scope may know (named by a revision within
    // the scope, or uploaded by the token), whether or not the file is still here.
    Outcome<QSet<QString>> known(const TokenRecord &token, const QStringList &names) const;
    // Bytes the token's quota counts: its uploads no revision of its scope names.
    core::Result<qint64> unattachedBytes(const TokenRecord &token) const;
    // A photo upload of `bytes` (with what the token has in flight) named `sha256`,
    // in one query: whether the token already counts the photo as present (known:
    // storing it again costs nothing), or 413 "quota_exceeded" when storing it
    // would pass HubOptions::quotaBytes.
    // `unattached`: where to put the bytes the quota counted (the upload's not included).
    Outcome<bool> admitUpload(const TokenRecord &token, const QString &sha256, qint64 bytes,
                              qint64 *unattached = nullptr) const;
    // recordUpload through the process's group commit; whether the token had not
    // uploaded the photo before.
    core::Result<bool> recordUpload(const TokenRecord &token, const QString &sha256, qint64 bytes,
                                    UploadRecorder &recorder);
    // An upload admitted without asking (QuotaView), once recorded: whether the
    // token could already count the photo as present (what admitUpload would have
    // answered): it had uploaded it before, or a revision of its scope names it.
    Outcome<bool> knownBefore(const TokenRecord &token, const QString &sha256, bool newForToken) const;
    // Token-less forms: the answer is about every blob on the hub, and no upload
    // is recorded. put(sha256, bytes) is how an import stores its package's photos
    // (RevisionDesk::storeImported) and the checks put(token, …) makes first.
    Outcome<QStringList> missing(const QStringList &names) const;
    Outcome<BlobOutcome> put(const QString &sha256, const QByteArray &bytes);

    // Deletes the blobs no stored revision references once they have been seen
    // unreferenced for `graceSeconds` (a push sends its photos before its
    // manifest, and an interrupted push resumes days later), and stale `.part`
    // files. Run at start-up and once a day by `serve`.
    static constexpr qint64 kGraceSeconds = 7 * 24 * 3600;
    core::Result<core::BlobCollection> collect(qint64 graceSeconds = kGraceSeconds);

private:
    Hub &m_hub;
};

} // namespace mobiliza::hub
