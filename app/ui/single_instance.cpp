#include "app/ui/single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

#include <memory>

namespace mobiliza::ui {

namespace {

Q_LOGGING_CATEGORY(lcWindowLock, "mobiliza.app")

constexpr char kRaise[] = "raise\n";
constexpr char kRaised[] = "raised\n";
constexpr char kStarting[] = "starting\n";
constexpr int kAnswerMs = 3000;
// A headless run's windowIsOpen() holds the lock for an instant: a start waits that long.
constexpr int kLockWaitMs = 1000;

QString lockPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("window.lock"));
}

// The folder as the file system names it (a link or another spelling finds the same window).
QString canonical(const QString &dataDir)
{
    const QString real = QFileInfo(dataDir).canonicalFilePath();
    const QString path = real.isEmpty() ? QDir(dataDir).absolutePath() : real;
#ifdef Q_OS_WIN
    return path.toLower();
#else
    return path;
#endif
}

} // namespace

ProfileWindowLock::ProfileWindowLock(const QString &dataDir, QObject *parent)
    : QObject(parent), m_dataDir(dataDir), m_lock(lockPath(dataDir))
{
    m_lock.setStaleLockTime(0); // only a dead holder's lock is stale, never a living one's
}

ProfileWindowLock::~ProfileWindowLock() = default;

QString ProfileWindowLock::serverName(const QString &dataDir)
{
    const QByteArray folder = canonical(dataDir).toUtf8();
    return QStringLiteral("mobiliza-window-") +
           QString::fromLatin1(QCryptographicHash::hash(folder, QCryptographicHash::Sha256).toHex().left(24));
}

// The request: "raise", then one absolute file path a line, then an empty line.
QByteArray raiseMessage(const QStringList &files)
{
    QByteArray message(kRaise);
    for (const QString &file : files)
        message += QFileInfo(file).absoluteFilePath().toUtf8() + '\n';
    return message + '\n';
}

ProfileWindowLock::Outcome ProfileWindowLock::acquire(const QStringList &files)
{
    if (!m_lock.tryLock(kLockWaitMs)) {
        if (m_lock.error() != QLockFile::LockFailedError)
            return Outcome::Acquired; // a folder that cannot be written says so when opened
        QLocalSocket socket;
        socket.connectToServer(serverName(m_dataDir));
        if (socket.waitForConnected(kAnswerMs) && socket.write(raiseMessage(files)) > 0 &&
            socket.waitForBytesWritten(kAnswerMs) && socket.waitForReadyRead(kAnswerMs)) {
            const QByteArray answer = socket.readAll();
            if (answer.startsWith(kRaised))
                return Outcome::Forwarded;
            if (answer.startsWith(kStarting))
                return Outcome::Starting;
        }
        return Outcome::HeldByOther;
    }
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    QLocalServer::removeServer(serverName(m_dataDir)); // a dead window's socket file
    if (!m_server->listen(serverName(m_dataDir))) {
        qCWarning(lcWindowLock) << "another start cannot reach this window:" << m_server->errorString();
        return Outcome::Acquired;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            auto received = std::make_shared<QByteArray>();
            connect(socket, &QLocalSocket::readyRead, this, [this, socket, received] {
                *received += socket->readAll();
                const QByteArray raise(kRaise);
                if (received->size() < raise.size() && raise.startsWith(*received))
                    return; // the start of the request is still on its way
                if (!received->startsWith(raise) || received->size() > 1024 * 1024) {
                    socket->disconnectFromServer();
                    return;
                }
                if (!received->endsWith("\n\n"))
                    return; // the rest of the request (its files, then an empty line) is on its way
                QStringList files;
                for (const QByteArray &line : received->mid(int(qstrlen(kRaise))).split('\n'))
                    if (!line.isEmpty())
                        files << QString::fromUtf8(line);
                socket->write(m_ready ? kRaised : kStarting);
                socket->flush();
                if (m_ready)
                    Q_EMIT raiseRequested(files);
                socket->disconnectFromServer();
            });
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    return Outcome::Acquired;
}

qint64 ProfileWindowLock::holderPid() const
{
    qint64 pid = 0;
    QString host, app;
    return m_lock.getLockInfo(&pid, &host, &app) ? pid : 0;
}

bool ProfileWindowLock::windowIsOpen(const QString &dataDir, qint64 *pid)
{
    QLockFile lock(lockPath(dataDir));
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        lock.unlock();
        return false;
    }
    if (pid) {
        QString host, app;
        qint64 holder = 0;
        *pid = lock.getLockInfo(&holder, &host, &app) ? holder : 0;
    }
    return lock.error() == QLockFile::LockFailedError;
}

} // namespace mobiliza::ui
