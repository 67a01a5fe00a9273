// Writing a file so that a crash or a power cut leaves either the old file or the
// whole new one: write a temporary file beside it (removed by TempFileGuard unless
// committed), syncToDisk() it, replaceFile() it over the target, then syncDir().
// Shared by the report package and the batch file writers, and by the photo
// BlobStore (writeNewFile(), syncFile(): it never replaces a file, see blob_store.cpp).
#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

class QFile;

namespace mobiliza::core::durable {

// Removes the temporary file unless commit() was called.
class TempFileGuard
{
public:
    explicit TempFileGuard(QString path) : m_path(std::move(path)) {}
    ~TempFileGuard();
    TempFileGuard(const TempFileGuard &) = delete;
    TempFileGuard &operator=(const TempFileGuard &) = delete;
    void commit() { m_committed = true; }

private:
    QString m_path;
    bool m_committed = false;
};

bool syncToDisk(const QString &path);                // fsync of the file's data
bool syncDir(const QString &dir);                    // fsync of the folder (the rename itself); false: failed
bool replaceFile(const QString &from, const QString &to); // atomically where the system allows it

// flush() and fsync of a file still open for writing, named or not (O_TMPFILE).
bool syncFile(QFile &file);
// Writes `data` to the new file `path` (never an existing one: O_EXCL) created
// with `permissions`, and syncs it to disk. On failure nothing is left at `path`
// unless it was there before, and *why (if given) says what went wrong.
bool writeNewFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                  QString *why = nullptr);

} // namespace mobiliza::core::durable
