// The real hub as a child process (`mobiliza-hub serve` on 127.0.0.1, an ephemeral port)
// with its command line on the same data folder, the mobiliza executable run on a profile
// folder, and the sync options these tests use: shared by the tests that start processes.
#pragma once

#include "tests/sync/sync_fixture.h"

#include "sync/client/sync_controller.h"

#include <QProcess>
#include <QRegularExpression>

#include <memory>

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace mobiliza::test {

class HubProcess
{
public:
    explicit HubProcess(QString dataDir) : m_data(std::move(dataDir)) {}
    ~HubProcess() { stop(); }

    void start(quint16 port = 0)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(MOBILIZA_HUB_EXE),
                         {QStringLiteral("serve"), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--data"), m_data});
        REQUIRE(m_process->waitForStarted(10'000));
        static const QRegularExpression listening(QStringLiteral("listening on ([0-9.]+):(\\d+)"));
        QByteArray out;
        REQUIRE(test::waitFor(
            [&] {
                out += m_process->readAllStandardOutput();
                return listening.match(QString::fromUtf8(out)).hasMatch() ||
                       m_process->state() == QProcess::NotRunning;
            },
            15'000));
        const auto m = listening.match(QString::fromUtf8(out));
        INFO(out.toStdString() << m_process->readAllStandardError().toStdString());
        REQUIRE(m.hasMatch());
        m_port = quint16(m.captured(2).toUInt());
    }

    void kill9()
    {
        m_process->kill(); // SIGKILL
        m_process->waitForFinished(5000);
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                kill9();
        }
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }

    // Runs a CLI command on the same data folder; returns stdout (checks exit 0).
    QString cli(QStringList arguments) const
    {
        arguments << QStringLiteral("--data") << m_data;
        QProcess p;
        p.start(QStringLiteral(MOBILIZA_HUB_EXE), arguments);
        REQUIRE(p.waitForFinished(30'000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        INFO(arguments.join(QLatin1Char(' ')).toStdString()
             << ": " << p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
        return out;
    }

    QString enrollCode(const QString &municipality) const
    {
        const QStringList lines =
            cli({QStringLiteral("enroll"), QStringLiteral("--municipality"), municipality})
                .trimmed()
                .split(QLatin1Char('\n'));
        return lines.last().trimmed();
    }

    QStringList reportLines() const
    {
        return cli({QStringLiteral("reports")}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private:
    QString m_data;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// No connectivity watcher, short timeouts, no jitter.
inline sync::SyncOptions hubProcessSyncOptions()
{
    sync::SyncOptions o;
    o.watchConnectivity = false;
    o.timeouts = {5000, 5000};
    o.random01 = [] { return 0.5; };
    o.installationLabel = QStringLiteral("teste de integração");
    return o;
}

#ifdef MOBILIZA_APP_EXE
// The mobiliza executable on a profile folder (pt-BR off: the words checked are English).
struct AppRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline AppRun runApp(const QString &profileDir, const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MOBILIZA_APP_EXE), QStringList{QStringLiteral("--lang"), QStringLiteral("en"),
                                                          QStringLiteral("--data-dir"), profileDir} +
                                                  arguments);
    REQUIRE(p.waitForFinished(120'000));
    return AppRun{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
}
#endif

} // namespace mobiliza::test
