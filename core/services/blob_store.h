// Content-addressed file store for photos: `<dir>/ab/abcdef…` named by the
// SHA-256 of the bytes. Writes go to a temporary file, are flushed to disk and
// then renamed, so a crash never leaves a half-written blob under a valid name.
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

    static QString sha256Hex(const QByteArray &data);
    static bool isValidSha256(const QString &sha256);

private:
    QString m_dir;
};

} // namespace mobiliza::core
