// Deletes photo files that nothing references any more (LGPD: a removed photo
// of identifiable people must not stay on the disk forever).
//
// The rule, shared by the client and the hub: a blob is garbage when no
// reference (a draft's photo row, a concluded revision's manifest) names it.
// It is deleted only after it has been *seen* unreferenced for a grace period,
// kept in a small ledger beside the blob folder (`<data>/blobs.orphans.json`,
// hash → first seen; never inside it, where every file is a blob):
//   - undo in the editor restores a photo row and needs its file; a pass only
//     runs at a safe point (profile open, hub start and once a day), and a file
//     first seen unreferenced is kept for the grace period, so an editor that is
//     open in another window still finds the file;
//   - a photo being imported (file written, row not yet committed) or a blob a
//     client uploaded before its manifest is never deleted under its writer.
// A blob referenced again leaves the ledger.
#pragma once

#include "core/util/result.h"

#include <QDateTime>

#include <functional>
#include <QSet>
#include <QString>
#include <QStringList>

namespace mobiliza::core {

class AuditTrail;
class BlobStore;
class Clock;
class Database;

struct BlobCollection
{
    QStringList deleted;  // hashes whose file was deleted now
    QStringList pending;  // unreferenced, still within the grace period
    int staleParts = 0;   // `.part` files of a crashed writer removed
};

class BlobCollector
{
public:
    BlobCollector(BlobStore &blobs, qint64 graceSeconds);

    // `<blob folder>.orphans.json`: beside the folder, not in it.
    static QString ledgerPath(const BlobStore &blobs);

    // One pass: removes stale `.part` files, updates the ledger and deletes the
    // blobs unreferenced for at least the grace period. `recheck`, when given,
    // reads the references again just before the deletions (hub instances that
    // share a blob folder push concurrently): a blob named by then is kept, and
    // nothing is deleted when the re-read fails.
    // `beforeDelete`, when given, is told which blobs are about to go (after the
    // re-read) and runs before any file is touched: the client records its audit
    // row there, so no file is ever deleted without the trail saying so; when it
    // fails, nothing is deleted.
    using ReferenceReader = std::function<Result<QSet<QString>>()>;
    using DeletionHook = std::function<Status(const QStringList &hashes, int staleParts)>;
    Result<BlobCollection> collect(const QSet<QString> &referenced, const QDateTime &now,
                                   const ReferenceReader &recheck = {}, const DeletionHook &beforeDelete = {});

    // Every string in a JSON document (a manifest) that is a blob name: the
    // references of a revision, whatever the manifest's layout.
    static QSet<QString> hashesIn(const QByteArray &json);

private:
    BlobStore &m_blobs;
    qint64 m_grace;
};

// The client's pass over one profile: the references are the photo rows and
// every revision snapshot; runs inside a write transaction (another process
// cannot add a reference in between) and records an audit row ("blobs",
// "collect", with the count and the hashes) before it deletes anything.
constexpr qint64 kProfileBlobGraceSeconds = 24 * 3600;
Result<BlobCollection> collectProfileBlobs(Database &database, BlobStore &blobs, AuditTrail &audit,
                                           const Clock &clock,
                                           qint64 graceSeconds = kProfileBlobGraceSeconds);

} // namespace mobiliza::core
