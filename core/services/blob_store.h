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
#include "core/util/sha256.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <functional>
#include <memory>

namespace mobiliza::core {

class BlobStore;

// One photo arriving in pieces (the hub streams an upload to disk as it comes):
// the bytes go to an unnamed file (O_TMPFILE; a `.part` file where that is not
// supported) beside their final place and are hashed as they are written, so
// memory stays bounded whatever the photo's size. commit() names the file only
// when its content matches the name it was announced under; an uncommitted
// writer leaves nothing behind, not even when the process is killed.
class BlobWriter
{
public:
    ~BlobWriter();
    BlobWriter(const BlobWriter &) = delete;
    BlobWriter &operator=(const BlobWriter &) = delete;

    Status write(const char *data, qint64 size);
    qint64 size() const { return m_size; }
    // The SHA-256 of everything written so far (lower-case hex).
    QString sha256() const;
    // Flushes to disk and renames into place. Error "hash_mismatch" (nothing
    // kept) when the content is not the announced photo. *created: false when an
    // intact copy was already stored.
    Result<QString> commit(bool *created = nullptr);

private:
    friend class BlobStore;
    BlobWriter(BlobStore &store, QString sha256, QString tempPath);
    bool placeAt(const QString &target);

    BlobStore &m_store;
    QString m_expected;
    QString m_temp; // empty: an unnamed file (O_TMPFILE)
    QFile m_file;
    Sha256 m_hash;
    qint64 m_size = 0;
    bool m_done = false;
};

class BlobStore
{
public:
    explicit BlobStore(QString dir); // usually <dataDir>/blobs

    QString dir() const { return m_dir; }

    // How a photo's folder is flushed once the photo is named (default: durable::syncDir,
    // an fsync of the folder); false fails the write. Tests inject a failing flush.
    using FolderFlush = std::function<bool(const QString &folder)>;
    void setFolderFlush(FolderFlush flush) { m_flushFolder = std::move(flush); }

    // Stores the bytes; returns their SHA-256 (lower-case hex). Idempotent.
    Result<QString> put(const QByteArray &data);
    // The same when the caller has just computed the bytes' SHA-256 (the hub,
    // checking an upload against its name): the photo is hashed once, not twice.
    Result<QString> putHashed(const QString &sha256, const QByteArray &data);
    Result<QString> putFile(const QString &path);
    // Starts writing the photo announced as `sha256` piece by piece (see BlobWriter).
    Result<std::unique_ptr<BlobWriter>> beginWrite(const QString &sha256);

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
    friend class BlobWriter;
    // The photo folders made (or found) already, shared by copies: a photo's write
    // makes its folder once per store, not once per photo.
    struct Folders;
    bool ensureFolder(const QString &folder);
    bool flushFolder(const QString &folder) const;
    void forgetFolder(const QString &folder);

    QString m_dir;
    std::shared_ptr<Folders> m_folders;
    FolderFlush m_flushFolder;
};

} // namespace mobiliza::core
