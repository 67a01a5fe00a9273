#include "sync/client/token_store.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace mobiliza::sync {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

core::Error fileError(const QString &path)
{
    return core::Error{QStringLiteral("io"),
                       QCoreApplication::translate(
                           "TokenStore", "The hub access key could not be saved in %1. Check that the "
                                         "data folder is writable, then connect to the hub again.")
                           .arg(QFileInfo(path).absolutePath())};
}

} // namespace

core::Result<QString> FileTokenStore::read()
{
    QFile file(m_path);
    if (!file.exists())
        return QString();
    // Tighten a file someone made readable by others.
    if ((file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0)
        file.setPermissions(kOwnerOnly);
    if (!file.open(QIODevice::ReadOnly))
        return core::Error{QStringLiteral("io"),
                           QCoreApplication::translate(
                               "TokenStore", "The hub access key could not be read. Connect to the hub "
                                             "again on the Synchronization page.")};
    return QString::fromUtf8(file.read(4096)).trimmed();
}

core::Status FileTokenStore::write(const QString &token)
{
    const QString temporary = m_path + QStringLiteral(".tmp");
    QFile::remove(temporary);
    QFile file(temporary);
    // Created with owner-only permissions: never readable by others, not even briefly.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
        return fileError(m_path);
    file.setPermissions(kOwnerOnly);
    const QByteArray bytes = token.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush()) {
        file.close();
        QFile::remove(temporary);
        return fileError(m_path);
    }
#ifdef Q_OS_UNIX
    ::fsync(file.handle());
#endif
    file.close();
    // std::rename replaces the old file atomically on POSIX; elsewhere remove first.
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(m_path).constData()) != 0) {
        QFile::remove(m_path);
        if (!QFile::rename(temporary, m_path)) {
            QFile::remove(temporary);
            return fileError(m_path);
        }
    }
#ifdef Q_OS_UNIX
    // The rename itself on disk: a renewed token must not fall back to the old one
    // (which stops working a day later) after a power cut.
    const int folder = ::open(QFile::encodeName(QFileInfo(m_path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
#endif
    return {};
}

core::Status FileTokenStore::clear()
{
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return fileError(m_path);
    return {};
}

} // namespace mobiliza::sync
