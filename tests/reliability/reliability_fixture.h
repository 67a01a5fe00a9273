// Shared by the reliability tests and the hub benchmarks: the real
// `mobiliza-hub serve` as a child process, a TCP proxy in front of it that
// counts bytes and can cut, stall or swallow an answer, noisy JPEG photos,
// valid SES-MG reports, and a check of the hub's blob folder.
#pragma once

#include "core/domain/types.h"
#include "core/services/blob_store.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>
#include <optional>
#include <unistd.h>

namespace mobiliza::test {

// Runs the event loop until `done` or `ms` passed.
inline bool spinUntil(const std::function<bool()> &done, int ms = 15'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// ------------------------------------------------------------------ the hub
// `mobiliza-hub serve --listen 127.0.0.1:0 --data DIR` as a child process.
// start() returns false (with why()) instead of asserting, so the benchmarks
// can use it too.
class HubProcess
{
public:
    HubProcess(QString executable, QString dataDir) : m_exe(std::move(executable)), m_data(std::move(dataDir))
    {
    }
    ~HubProcess() { stop(); }
    HubProcess(const HubProcess &) = delete;
    HubProcess &operator=(const HubProcess &) = delete;

    bool start(quint16 port = 0, const QStringList &extra = {})
    {
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MOBILIZA_LANG"), QStringLiteral("en"));
        env.remove(QStringLiteral("MOBILIZA_HUB_DB"));
        m_process->setProcessEnvironment(env);
        m_process->start(m_exe, QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                                            QStringLiteral("127.0.0.1:%1").arg(port),
                                            QStringLiteral("--data"), m_data} +
                                    extra);
        if (!m_process->waitForStarted(10'000)) {
            m_why = QStringLiteral("mobiliza-hub did not start: ") + m_process->errorString();
            return false;
        }
        static const QRegularExpression listening(QStringLiteral("listening on [0-9.]+:(\\d+)"));
        QByteArray out;
        spinUntil(
            [&] {
                out += m_process->readAllStandardOutput();
                return listening.match(QString::fromUtf8(out)).hasMatch() ||
                       m_process->state() == QProcess::NotRunning;
            },
            15'000);
        const auto m = listening.match(QString::fromUtf8(out));
        if (!m.hasMatch()) {
            m_why = QString::fromUtf8(out + m_process->readAllStandardError());
            return false;
        }
        m_port = quint16(m.captured(1).toUInt());
        return true;
    }

    void kill9()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->kill(); // SIGKILL
            m_process->waitForFinished(5000);
        }
    }

    // SIGTERM (the hub stops cleanly), SIGKILL if it does not.
    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                kill9();
        }
    }

    bool isRunning() const { return m_process && m_process->state() == QProcess::Running; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    quint16 port() const { return m_port; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    QString dataDir() const { return m_data; }
    QString why() const { return m_why; }

    // A CLI command on the same data folder; nullopt when it failed (why() says).
    std::optional<QString> cli(QStringList arguments)
    {
        arguments << QStringLiteral("--data") << m_data;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MOBILIZA_LANG"), QStringLiteral("en"));
        env.remove(QStringLiteral("MOBILIZA_HUB_DB"));
        p.setProcessEnvironment(env);
        p.start(m_exe, arguments);
        if (!p.waitForFinished(30'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_why = arguments.join(QLatin1Char(' ')) + QStringLiteral(": ") +
                    QString::fromUtf8(p.readAllStandardError());
            return std::nullopt;
        }
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    QString enrollCode(const QString &municipality)
    {
        const auto out = cli({QStringLiteral("enroll"), QStringLiteral("--municipality"), municipality});
        return out ? out->trimmed().split(QLatin1Char('\n')).constLast().trimmed() : QString();
    }

    // `mobiliza-hub reports`: one tab-separated line per revision.
    QStringList reportLines()
    {
        const auto out = cli({QStringLiteral("reports")});
        return out ? out->split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                   : QStringList{QStringLiteral("<failed>")};
    }

    // Peak resident memory (VmHWM) in KiB, from /proc; 0 when unknown.
    qint64 peakRssKiB() const { return procStatusKiB("VmHWM:"); }
    qint64 rssKiB() const { return procStatusKiB("VmRSS:"); }
    // CPU time used so far (user + system), in seconds; 0 when unknown.
    double cpuSeconds() const
    {
        QFile f(QStringLiteral("/proc/%1/stat").arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        const QByteArray stat = f.readAll();
        // Fields after the command name (which is in parentheses and may hold spaces).
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        const long ticks = ::sysconf(_SC_CLK_TCK);
        if (fields.size() < 13 || ticks <= 0)
            return 0;
        return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(ticks);
    }

private:
    qint64 procStatusKiB(const QByteArray &key) const
    {
        QFile f(QStringLiteral("/proc/%1/status").arg(pid()));
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith(key))
                return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
        return 0;
    }

    QString m_exe;
    QString m_data;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_why;
};

// ---------------------------------------------------------------- the proxy
// A TCP proxy on 127.0.0.1 (ephemeral port) in front of the hub. It counts the
// bytes each way and can:
// - cut every connection once `n` more bytes went up (client → hub), forwarding
//   exactly those n bytes first; the link then stays down (new connections are
//   closed at once) until restore(), so nothing can quietly re-send;
// - stall: stop forwarding upward after `n` bytes and call a hook (to kill the
//   hub while it holds half a request);
// - swallow the first answer whose bytes contain a needle (a receipt): it never
//   reaches the client, the link goes down, and a hook runs.
class TcpProxy : public QObject
{
public:
    explicit TcpProxy(quint16 targetPort) : m_target(targetPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
    }
    ~TcpProxy() override { cutAll(); }

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    void setTarget(quint16 port) { m_target = port; }

    qint64 upBytes() const { return m_up; }
    qint64 downBytes() const { return m_down; }
    int connectionsSeen() const { return m_connections; }
    void resetCounters()
    {
        m_up = 0;
        m_down = 0;
        m_connections = 0;
    }

    bool isDown() const { return m_linkDown; }
    int faultsTriggered() const { return m_faults; }

    void cutAfterUpBytes(qint64 n)
    {
        m_cutBudget = n;
        m_cutArmed = true;
    }
    void stallAfterUpBytes(qint64 n, std::function<void()> onStall)
    {
        m_stallBudget = n;
        m_stallArmed = true;
        m_onStall = std::move(onStall);
    }
    void swallowAnswerContaining(const QByteArray &needle, std::function<void()> onSwallow = {})
    {
        m_needle = needle;
        m_onSwallow = std::move(onSwallow);
    }
    // Disarms every fault and brings the link back up.
    void restore()
    {
        m_cutArmed = false;
        m_stallArmed = false;
        m_stalled = false;
        m_needle.clear();
        m_onStall = {};
        m_onSwallow = {};
        m_linkDown = false;
    }
    // Drops every connection now (the link goes down until restore()).
    void goDown()
    {
        m_linkDown = true;
        cutAll();
    }

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pendingUp; // before the upstream connection is up, or while stalled
        bool upstreamReady = false;
        QByteArray lastDown; // tail of the previous answer chunk (needle across chunks)
    };

    void onNewConnection()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            client->setParent(this);
            if (m_linkDown) {
                client->abort();
                client->deleteLater();
                continue;
            }
            ++m_connections;
            auto pair = std::make_shared<Pair>();
            pair->client = client;
            auto *upstream = new QTcpSocket(this);
            pair->upstream = upstream;
            m_pairs << pair;
            QObject::connect(upstream, &QTcpSocket::connected, this, [this, pair] {
                pair->upstreamReady = true;
                forwardUp(*pair, {});
            });
            QObject::connect(client, &QTcpSocket::readyRead, this, [this, pair] {
                if (pair->client)
                    forwardUp(*pair, pair->client->readAll());
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, this, [this, pair] {
                if (pair->upstream)
                    forwardDown(*pair, pair->upstream->readAll());
            });
            QObject::connect(client, &QTcpSocket::disconnected, this, [pair] {
                if (pair->upstream)
                    pair->upstream->disconnectFromHost();
            });
            QObject::connect(upstream, &QTcpSocket::disconnected, this, [pair] {
                if (pair->client)
                    pair->client->disconnectFromHost();
            });
            QObject::connect(upstream, &QTcpSocket::errorOccurred, this,
                             [pair](QAbstractSocket::SocketError) {
                                 if (pair->client)
                                     pair->client->disconnectFromHost();
                             });
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
        }
    }

    void forwardUp(Pair &pair, QByteArray data)
    {
        pair.pendingUp += data;
        if (!pair.upstreamReady || !pair.upstream || m_stalled)
            return;
        QByteArray chunk = pair.pendingUp;
        pair.pendingUp.clear();
        bool cut = false;
        if (m_cutArmed && chunk.size() >= m_cutBudget) {
            chunk.truncate(m_cutBudget);
            cut = true;
        }
        bool stall = false;
        if (m_stallArmed && chunk.size() >= m_stallBudget) {
            pair.pendingUp = chunk.mid(m_stallBudget);
            chunk.truncate(m_stallBudget);
            stall = true;
        }
        if (m_cutArmed)
            m_cutBudget -= chunk.size();
        if (m_stallArmed)
            m_stallBudget -= chunk.size();
        pair.upstream->write(chunk);
        pair.upstream->flush();
        m_up += chunk.size();
        if (cut) {
            m_cutArmed = false;
            ++m_faults;
            goDown();
            return;
        }
        if (stall) {
            m_stallArmed = false;
            m_stalled = true;
            ++m_faults;
            if (m_onStall)
                m_onStall();
        }
    }

    void forwardDown(Pair &pair, const QByteArray &data)
    {
        if (!m_needle.isEmpty() && QByteArray(pair.lastDown + data).contains(m_needle)) {
            m_needle.clear();
            ++m_faults;
            auto hook = std::move(m_onSwallow);
            m_onSwallow = {};
            goDown();
            if (hook)
                hook();
            return;
        }
        pair.lastDown = data.right(64);
        if (pair.client) {
            pair.client->write(data);
            m_down += data.size();
        }
    }

    void cutAll()
    {
        const auto pairs = m_pairs;
        m_pairs.clear();
        for (const auto &pair : pairs) {
            if (pair->client)
                pair->client->abort();
            if (pair->upstream)
                pair->upstream->abort();
            if (pair->client)
                pair->client->deleteLater();
            if (pair->upstream)
                pair->upstream->deleteLater();
        }
    }

    QTcpServer m_server;
    quint16 m_target;
    QList<std::shared_ptr<Pair>> m_pairs;
    qint64 m_up = 0;
    qint64 m_down = 0;
    int m_connections = 0;
    int m_faults = 0;
    bool m_linkDown = false;
    bool m_cutArmed = false;
    qint64 m_cutBudget = 0;
    bool m_stallArmed = false;
    bool m_stalled = false;
    qint64 m_stallBudget = 0;
    std::function<void()> m_onStall;
    QByteArray m_needle;
    std::function<void()> m_onSwallow;
};

// ------------------------------------------------------------ blob folder
struct BlobScan
{
    int valid = 0;       // files named by the SHA-256 of their bytes
    QStringList invalid; // named like a blob, but the bytes hash differently
    QStringList others;  // anything else (a leftover temporary file…)
    QStringList names;   // the valid ones
};

inline BlobScan scanBlobs(const QString &blobDir)
{
    BlobScan scan;
    QDirIterator it(blobDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = it.fileName();
        if (!core::BlobStore::isValidSha256(name)) {
            scan.others << path;
            continue;
        }
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || core::BlobStore::sha256Hex(f.readAll()) != name ||
            QFileInfo(path).dir().dirName() != name.left(2)) {
            scan.invalid << path;
            continue;
        }
        ++scan.valid;
        scan.names << name;
    }
    return scan;
}

// The columns of the `mobiliza-hub reports` line for this report and revision.
inline QStringList hubLineFor(const QStringList &lines, const QString &report, int revision)
{
    for (const QString &line : lines) {
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.value(0) == report && cols.value(3).toInt() == revision)
            return cols;
    }
    return {};
}

} // namespace mobiliza::test
