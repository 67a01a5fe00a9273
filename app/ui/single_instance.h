// One window per profile. Two windows on one data folder would run two sync
// controllers on one database; a second start brings the first window forward
// instead. The window holds a lock file in the data folder (QLockFile: a lock left
// by a process that died is taken over) and listens on a local socket named after
// the folder, owner-only; a second start finds the lock held and asks the window
// to come forward through that socket. Headless runs (--sync, --status…) never
// take the lock; they say when a window has the profile open.
#pragma once

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QLocalServer;

namespace mobiliza::ui {

class ProfileWindowLock : public QObject
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Acquired,   // this process has the profile's window (or no lock could be made: the
                    // folder's own error is said when it is opened)
        Forwarded,  // another window has it and came forward
        Starting,   // another start has it and is still asking its first questions
        HeldByOther // another process holds it and did not answer
    };

    explicit ProfileWindowLock(const QString &dataDir, QObject *parent = nullptr);
    ~ProfileWindowLock() override;

    // `files`: package files this start was asked to open (mobiliza FILE.mobiliza),
    // handed to the window that has the profile when it is another's.
    Outcome acquire(const QStringList &files = {});
    // The window is shown and comes forward when asked (before: "starting").
    void setReady() { m_ready = true; }
    // The process holding the lock (0 when unknown or none).
    qint64 holderPid() const;
    // Whether a window holds this folder's lock now (for headless runs).
    static bool windowIsOpen(const QString &dataDir, qint64 *pid = nullptr);
    static QString serverName(const QString &dataDir);

Q_SIGNALS:
    // Another start asked the window to come forward (with the files it was given).
    void raiseRequested(const QStringList &files);

private:
    QString m_dataDir;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
    bool m_ready = false;
};

} // namespace mobiliza::ui
