#include "core/store/private_files.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace mobiliza::core::privacy {

Q_LOGGING_CATEGORY(lcPrivate, "mobiliza.store.private")

bool tighten(const QString &path)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    struct stat st;
    if (::lstat(native.constData(), &st) != 0)
        return errno == ENOENT;
    if (S_ISLNK(st.st_mode))
        return true; // not followed: what it points to is not ours to change
    const mode_t mode = st.st_mode & 07777;
    const mode_t wanted = mode & S_IRWXU; // 0755 → 0700, 0644 → 0600; setuid/setgid/sticky go too
    if (mode == wanted)
        return true;
    if (::chmod(native.constData(), wanted) != 0) {
        qCWarning(lcPrivate).noquote() << "could not make private:" << path << qt_error_string(errno);
        return false;
    }
    return true;
#else
    Q_UNUSED(path)
    return true;
#endif
}

bool tightenTree(const QString &path)
{
    bool ok = tighten(path);
    if (!QFileInfo(path).isDir() || QFileInfo(path).isSymLink())
        return ok;
    QDirIterator it(path, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories); // does not descend into symbolic links
    while (it.hasNext())
        ok = tighten(it.next()) && ok;
    return ok;
}

bool makePrivateDir(const QString &path)
{
    if (path.isEmpty() || !QDir().mkpath(path))
        return false;
    tighten(path);
    return true;
}

bool makePrivateFile(const QString &path)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd >= 0) {
        ::fchmod(fd, S_IRUSR | S_IWUSR); // a umask such as 0277 could have taken the owner's bits
        ::close(fd);
        return true;
    }
    if (errno != EEXIST)
        return false;
    tighten(path);
    return true;
#else
    QFile file(path);
    if (file.exists())
        return true;
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
#endif
}

void tightenProfile(const QString &dataDir, const QString &databaseFile)
{
    const QDir dir(dataDir);
    tighten(dataDir);
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        tighten(databaseFile + QLatin1String(suffix));
    for (const char *name : {"blobs", "thumbs", "backups", "reference"})
        tightenTree(dir.filePath(QLatin1String(name)));
    for (const char *name : {"hub-token", "hub-token.tmp"})
        tighten(dir.filePath(QLatin1String(name)));
}

bool isOpenToOthers(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st;
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    return (st.st_mode & (S_IRWXG | S_IRWXO)) != 0;
#else
    Q_UNUSED(path)
    return false;
#endif
}

} // namespace mobiliza::core::privacy
