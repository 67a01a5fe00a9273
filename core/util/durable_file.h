// Writing a file so that a crash or a power cut leaves either the old file or the
// whole new one: write a temporary file beside it (removed by TempFileGuard unless
// committed), syncToDisk() it, replaceFile() it over the target, then syncDir().
// Shared by the report package and the batch file writers.
#pragma once

#include <QString>

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
void syncDir(const QString &dir);                    // fsync of the folder (the rename itself)
bool replaceFile(const QString &from, const QString &to); // atomically where the system allows it

} // namespace mobiliza::core::durable
