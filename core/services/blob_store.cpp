#include "core/services/blob_store.h"

#include "core/domain/types.h"
#include "core/store/private_files.h"
#include "core/util/durable_file.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>
#include <QStorageInfo>

#ifdef Q_OS_UNIX
#include <cerrno>

#include <fcntl.h>
#include <unistd.h>
#endif

namespace mobiliza::core {

namespace {

// A write that failed because the disk is full (ENOSPC; or hardly any space
// left, since errorString() may be translated).
bool diskIsFull(const QString &path, const QString &detail)
{
    if (detail.contains(QLatin1String("No space left")))
        return true;
    QStorageInfo storage(QFileInfo(path).absolutePath());
    return storage.isValid() && storage.bytesAvailable() < 256 * 1024;
}

Error ioError(const QString &path, const QString &detail)
{
    if (diskIsFull(path, detail))
        return Error{QStringLiteral("disk_full"),
                     QCoreApplication::translate(
                         "BlobStore",
                         "The disk is full: the photo file %1 could not be saved, so Mobiliza stopped there. "
                         "Free some space on the disk (empty the trash, move or delete files you no longer "
                         "need) and try again.")
                         .arg(QDir::toNativeSeparators(path))};
    return Error{QStringLiteral("io"),
                 QCoreApplication::translate("BlobStore",
                                             "The photo file %1 could not be written or read (%2). "
                                             "Check that the disk is connected and has free space, "
                                             "then try again.")
                     .arg(QDir::toNativeSeparators(path), detail)};
}

using durable::syncDir;
using durable::syncFile;

// Photos are personal data (BRIEF §7): created readable by their owner only, whatever the umask.
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The store's folder and a photo's `ab/` folder, 0700.
bool makeFolder(const QString &folder)
{
    return privacy::makePrivateDir(QFileInfo(folder).absolutePath()) && privacy::makePrivateDir(folder);
}

// A writer's own temporary file in the photo's folder: `.<sha>.<uuid>.part`.
QString partPath(const QString &folder, const QString &sha256)
{
    return folder + QStringLiteral("/.") + sha256 + QLatin1Char('.') + newUuid() + QStringLiteral(".part");
}

} // namespace

struct BlobStore::Folders
{
    QMutex mutex;
    QSet<QString> made;
};

BlobStore::BlobStore(QString dir) : m_dir(std::move(dir)), m_folders(std::make_shared<Folders>()) {}

bool BlobStore::ensureFolder(const QString &folder)
{
    {
        QMutexLocker lock(&m_folders->mutex);
        if (m_folders->made.contains(folder))
            return true;
    }
    if (!makeFolder(folder))
        return false;
    QMutexLocker lock(&m_folders->mutex);
    m_folders->made.insert(folder);
    return true;
}

void BlobStore::forgetFolder(const QString &folder)
{
    QMutexLocker lock(&m_folders->mutex);
    m_folders->made.remove(folder);
}

QString BlobStore::sha256Hex(const QByteArray &data)
{
    return Sha256::hex(data);
}

bool BlobStore::isValidSha256(const QString &sha256)
{
    if (sha256.size() != 64)
        return false;
    for (QChar c : sha256) {
        const bool hex = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                         (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
        if (!hex)
            return false;
    }
    return true;
}

QString BlobStore::path(const QString &sha256) const
{
    if (!isValidSha256(sha256))
        return {};
    return QDir(m_dir).filePath(sha256.left(2) + QLatin1Char('/') + sha256);
}

bool BlobStore::has(const QString &sha256) const
{
    const QString p = path(sha256);
    return !p.isEmpty() && QFileInfo(p).isFile();
}

Result<QString> BlobStore::put(const QByteArray &data)
{
    return putHashed(sha256Hex(data), data);
}

bool BlobStore::flushFolder(const QString &folder) const
{
    return m_flushFolder ? m_flushFolder(folder) : syncDir(folder);
}

Result<QString> BlobStore::putHashed(const QString &sha, const QByteArray &data)
{
    const QString target = path(sha);
    const QString folder = QFileInfo(target).absolutePath();
    if (QFileInfo(target).isFile() && read(sha).ok()) {
        // Already stored and intact (content addressed: same name, same bytes); its name
        // flushed, in case the write that made it could not flush it.
        if (!flushFolder(folder))
            return ioError(target, QStringLiteral("fsync"));
        return sha;
    }

    if (!makeFolder(folder))
        return ioError(folder, QStringLiteral("mkdir"));
    const QString temp = partPath(folder, sha);
    if (QString why; !durable::writeNewFile(temp, data, kOwnerOnly, &why))
        return ioError(target, why); // the photo's name, not the temporary one
    if (!QFile::rename(temp, target)) {
        // Another writer (a second thread importing the same photo) may have
        // won the race: an intact copy is success, and is never removed.
        if (read(sha).ok()) {
            QFile::remove(temp);
            if (!flushFolder(folder)) // the other writer's name may not be flushed yet
                return ioError(target, QStringLiteral("fsync"));
            return sha;
        }
        // QFile::rename never replaces: a damaged copy is removed first.
        QFile::remove(target);
        if (!QFile::rename(temp, target)) {
            QFile::remove(temp);
            return ioError(target, QStringLiteral("rename"));
        }
    }
    if (!flushFolder(folder))
        return ioError(target, QStringLiteral("fsync"));
    return sha;
}

Result<std::unique_ptr<BlobWriter>> BlobStore::beginWrite(const QString &sha256)
{
    const QString target = path(sha256);
    if (target.isEmpty())
        return Error{QStringLiteral("bad_name"),
                     QCoreApplication::translate("BlobStore", "The photo's name is not a SHA-256.")};
    const QString folder = QFileInfo(target).absolutePath();
    if (!ensureFolder(folder))
        return ioError(folder, QStringLiteral("mkdir"));
#ifdef O_TMPFILE
    // An unnamed file: a cut connection or a killed process leaves nothing behind,
    // and the photo only gets its name once it is whole and verified (commit()).
    const QByteArray nativeFolder = QFile::encodeName(folder);
    int fd = ::open(nativeFolder.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0 && errno == ENOENT) { // the folder was removed since it was made: again
        forgetFolder(folder);
        if (!ensureFolder(folder))
            return ioError(folder, QStringLiteral("mkdir"));
        fd = ::open(nativeFolder.constData(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    }
    if (fd >= 0) {
        std::unique_ptr<BlobWriter> writer(new BlobWriter(*this, sha256, QString()));
        if (writer->m_file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle))
            return writer;
        ::close(fd);
    }
#endif
    // Where unnamed files are not supported: a `.part` file, removed when the
    // writer goes (or, after a crash, by removeStaleParts()).
    const QString temp = partPath(folder, sha256);
    std::unique_ptr<BlobWriter> writer(new BlobWriter(*this, sha256, temp));
    writer->m_file.setFileName(temp);
    if (!writer->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly)) {
        // The folder may have been removed since it was made: made again, once.
        forgetFolder(folder);
        if (!ensureFolder(folder) ||
            !writer->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
            return ioError(target, writer->m_file.errorString()); // the photo's name, not the temporary one
    }
    return writer;
}

BlobWriter::BlobWriter(BlobStore &store, QString sha256, QString tempPath)
    : m_store(store), m_expected(std::move(sha256)), m_temp(std::move(tempPath))
{
}

BlobWriter::~BlobWriter()
{
    m_file.close();
    if (!m_done && !m_temp.isEmpty())
        QFile::remove(m_temp);
}

bool BlobWriter::placeAt(const QString &target)
{
    if (!m_temp.isEmpty())
        return QFile::rename(m_temp, target);
#ifdef Q_OS_LINUX
    // Gives the unnamed file its name (fails, like rename here, when the name exists).
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(m_file.handle());
    return ::linkat(AT_FDCWD, self.constData(), AT_FDCWD, QFile::encodeName(target).constData(),
                    AT_SYMLINK_FOLLOW) == 0;
#else
    return false;
#endif
}

Status BlobWriter::write(const char *data, qint64 size)
{
    if (m_done || !m_file.isOpen())
        return Error{QStringLiteral("io"), QStringLiteral("write after commit")};
    if (m_file.write(data, size) != size)
        return ioError(m_store.path(m_expected), m_file.errorString());
    m_hash.addData(QByteArrayView(data, qsizetype(size)));
    m_size += size;
    return {};
}

QString BlobWriter::sha256() const
{
    return m_hash.hexResult();
}

Result<QString> BlobWriter::commit(bool *created)
{
    if (created)
        *created = false;
    const QString target = m_store.path(m_expected);
    if (sha256() != m_expected)
        return Error{QStringLiteral("hash_mismatch"),
                     QCoreApplication::translate("BlobStore",
                                                 "The photo arrived damaged (its content does not match "
                                                 "its name).")};
    if (!syncFile(m_file))
        return ioError(target, m_file.errorString());
    const QString folder = QFileInfo(target).absolutePath();
    if (!placeAt(target)) { // neither link nor rename replaces a file
        // Already stored and intact (before, or by another writer meanwhile, whose name
        // may not be flushed yet): the destructor drops this copy.
        if (m_store.read(m_expected).ok()) {
            if (!m_store.flushFolder(folder))
                return ioError(target, QStringLiteral("fsync"));
            return m_expected;
        }
        QFile::remove(target); // a damaged copy: neither rename nor link replaces
        if (!placeAt(target))
            return ioError(target, QStringLiteral("rename"));
    }
    m_done = true;
    m_file.close();
    if (!m_store.flushFolder(folder)) // named, but the name might not survive a power cut: sent again
        return ioError(target, QStringLiteral("fsync"));
    if (created)
        *created = true;
    return m_expected;
}

Result<QString> BlobStore::putFile(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(filePath, file.errorString());
    return put(file.readAll());
}

Result<QByteArray> BlobStore::read(const QString &sha256) const
{
    const QString p = path(sha256);
    if (p.isEmpty() || !QFileInfo(p).isFile())
        return Error{QStringLiteral("missing_blob"),
                     QCoreApplication::translate("BlobStore",
                                                 "A photo file is missing from the data folder (%1). "
                                                 "Add the photo again.")
                         .arg(sha256.left(12))};
    QFile file(p);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(p, file.errorString());
    QByteArray data = file.readAll();
    if (sha256Hex(data) != sha256)
        return Error{QStringLiteral("corrupt_blob"),
                     QCoreApplication::translate("BlobStore",
                                                 "A photo file is damaged on the disk (%1). Remove the "
                                                 "photo and add it again.")
                         .arg(sha256.left(12))};
    return data;
}

Status BlobStore::remove(const QString &sha256)
{
    const QString p = path(sha256);
    if (p.isEmpty() || !QFileInfo(p).exists())
        return {};
    if (!QFile::remove(p))
        return ioError(p, QStringLiteral("remove"));
    return {};
}

QStringList BlobStore::list() const
{
    QStringList hashes;
    QDirIterator it(m_dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString name = it.fileName();
        if (isValidSha256(name) && it.fileInfo().dir().dirName() == name.left(2))
            hashes << name;
    }
    hashes.sort();
    return hashes;
}

namespace {

// Visits the `.part` files last modified before now − olderThanSeconds.
template <typename Visit>
void forEachStalePart(const QString &dir, qint64 olderThanSeconds, Visit visit)
{
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-olderThanSeconds);
    QDirIterator it(dir, {QStringLiteral("*.part")}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.lastModified().toUTC() < cutoff)
            visit(info.filePath());
    }
}

} // namespace

int BlobStore::removeStaleParts(qint64 olderThanSeconds) const
{
    int removed = 0;
    forEachStalePart(m_dir, olderThanSeconds, [&removed](const QString &path) {
        if (QFile::remove(path))
            ++removed;
    });
    return removed;
}

int BlobStore::staleParts(qint64 olderThanSeconds) const
{
    int count = 0;
    forEachStalePart(m_dir, olderThanSeconds, [&count](const QString &) { ++count; });
    return count;
}

} // namespace mobiliza::core
