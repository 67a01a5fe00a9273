#include "app/ui/single_instance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

namespace mobiliza::ui {

namespace {

constexpr char kRaise[] = "raise\n";
constexpr int kAnswerMs = 3000;

QString lockPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("window.lock"));
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
    const QByteArray folder = QDir(dataDir).absolutePath().toUtf8();
    return QStringLiteral("mobiliza-window-") +
           QString::fromLatin1(QCryptographicHash::hash(folder, QCryptographicHash::Sha256).toHex().left(24));
}

ProfileWindowLock::Outcome ProfileWindowLock::acquire()
{
    if (m_lock.tryLock(0)) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        QLocalServer::removeServer(serverName(m_dataDir)); // a dead window's socket file
        if (m_server->listen(serverName(m_dataDir))) {
            connect(m_server, &QLocalServer::newConnection, this, [this] {
                while (QLocalSocket *socket = m_server->nextPendingConnection()) {
                    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                        if (socket->readAll().startsWith(QByteArrayView(kRaise).chopped(1)))
                            Q_EMIT raiseRequested();
                        socket->disconnectFromServer();
                    });
                    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
                }
            });
        }
        return Outcome::Acquired;
    }
    QLocalSocket socket;
    socket.connectToServer(serverName(m_dataDir));
    if (socket.waitForConnected(kAnswerMs)) {
        socket.write(kRaise);
        if (socket.waitForBytesWritten(kAnswerMs)) {
            socket.waitForDisconnected(kAnswerMs);
            return Outcome::Forwarded;
        }
    }
    return Outcome::HeldByOther;
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
