// Content-addressed file store for photos: `<dir>/ab/abcdef…` named by the
// SHA-256 of the bytes. Writes go to a temporary file, are flushed to disk and
// then renamed, so a crash never leaves a half-written blob under a valid name.
//
// Concurrency: several writers (threads, or the app and a `mobiliza --import-package`
// run) may put at once; each writes its own `.<sha>.<uuid>.part` and renames it.
// A `.part` file is therefore only garbage when no writer can still own it: one
// older than kStalePartSeconds (a put takes well under a second per photo).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QString>

namespace mobiliza::core {

class BlobStore
{
public:
    explicit BlobStore(QString dir); // usually <dataDir>/blobs

    QString dir() const { return m_dir; }

    // Stores the bytes; returns their SHA-256 (lower-case hex). Idempotent.
    Result<QString> put(const QByteArray &data);
    Result<QString> putFile(const QString &path);

    bool has(const QString &sha256) const;
    QString path(const QString &sha256) const; // empty for a malformed hash
    // Reads and verifies the content; Error "corrupt_blob" when the hash differs.
    Result<QByteArray> read(const QString &sha256) const;
    Status remove(const QString &sha256);

    // The hashes of every stored blob (files named by a valid hash; others are ignored).
    QStringList list() const;

    // Removes the `.part` files a crash left behind: only those last modified more
    // than `olderThanSeconds` ago (file times are wall-clock), never a live writer's.
    // Returns how many were removed.
    static constexpr qint64 kStalePartSeconds = 3600;
    int removeStaleParts(qint64 olderThanSeconds = kStalePartSeconds) const;
    // How many such files there are now (what removeStaleParts would remove).
    int staleParts(qint64 olderThanSeconds = kStalePartSeconds) const;

    static QString sha256Hex(const QByteArray &data);
    static bool isValidSha256(const QString &sha256);

private:
    QString m_dir;
};

} // namespace mobiliza::core
