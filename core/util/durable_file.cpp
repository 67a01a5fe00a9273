#include "core/util/durable_file.h"

#include <QFile>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
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

void syncDir(const QString &dir)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(dir)
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

} // namespace mobiliza::core::durable
