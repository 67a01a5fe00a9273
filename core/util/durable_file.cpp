#include "core/util/durable_file.h"

#include <QFile>

#include <cerrno>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <io.h>
#endif

namespace mobiliza::core::durable {

TempFileGuard::~TempFileGuard()
{
    if (!m_committed)
        QFile::remove(m_path);
}

bool syncToDisk(const QString &path)
{
#ifdef Q_OS_UNIX
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return ::fsync(file.handle()) == 0;
#else
    Q_UNUSED(path)
    return true;
#endif
}

bool syncDir(const QString &dir)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    // Some file systems cannot flush a folder (EINVAL, EBADF; PostgreSQL's fsync_fname
    // accepts the same): nothing more can be done there, and that is not a failure.
    const bool synced = ::fsync(fd) == 0 || errno == EINVAL || errno == EBADF;
    ::close(fd);
    return synced;
#else
    Q_UNUSED(dir)
    return true;
#endif
}

bool replaceFile(const QString &from, const QString &to)
{
#ifdef Q_OS_UNIX
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
#else
    if (QFile::exists(to) && !QFile::remove(to))
        return false;
    return QFile::rename(from, to);
#endif
}

bool syncFile(QFile &file)
{
    if (!file.flush())
        return false;
#if defined(Q_OS_UNIX)
    return ::fsync(file.handle()) == 0;
#elif defined(Q_OS_WIN)
    return ::_commit(file.handle()) == 0;
#else
    return true;
#endif
}

bool writeNewFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                  QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
        if (why)
            *why = file.errorString();
        return false; // not ours: left alone
    }
    if (file.write(data) != data.size() || !syncFile(file)) {
        if (why)
            *why = file.errorString();
        file.close();
        QFile::remove(path);
        return false;
    }
    return true;
}

} // namespace mobiliza::core::durable
