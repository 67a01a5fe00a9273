// One window per profile (app/ui/single_instance.h), with the real executable: a
// second start on the same data folder brings the first window forward and ends;
// a headless command says a window has the profile open; a window killed (-9)
// leaves a lock the next start takes over.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/single_instance.h"
#include "tests/support/temp_dir.h"

#include <QDate>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

using namespace mobiliza;

namespace {

QString executable()
{
    return QStringLiteral(MOBILIZA_APP_EXE);
}

QProcessEnvironment environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("mobiliza.app.info=true"));
    return env;
}

// Runs a command to its end: exit code, stdout, stderr.
struct Ran
{
    int code = -1;
    QString out, err;
};
Ran runInstance(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(executable(), args);
    Ran r;
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err = QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}

// Polls `done` (another process's state), serving this thread's events, until it
// holds or 20 s pass (QTRY_VERIFY's way).
bool waitUntil(const std::function<bool()> &done)
{
    const QDeadlineTimer deadline(20'000);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(20);
    }
    return true;
}

struct Window
{
    QProcess process;
    explicit Window(const QString &dir, const QStringList &files = {})
    {
        process.setProcessEnvironment(environment());
        process.start(executable(), QStringList{QStringLiteral("--data-dir"), dir, QStringLiteral("--lang"),
                                                QStringLiteral("en")} +
                                        files);
    }
    ~Window()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

} // namespace

TEST_CASE("one window per profile: a second start brings the first forward, a headless one says so, a killed "
          "window's lock is taken over")
{
    test::TempDir dir;
    const QString data = dir.path();
    // In English: the messages asserted below.
    const QStringList profile{QStringLiteral("--data-dir"), data, QStringLiteral("--lang"),
                              QStringLiteral("en")};
    // A municipal profile (so the window opens without the first-run question).
    const Ran setUp =
        runInstance(profile + QStringList{QStringLiteral("--municipality"), QStringLiteral("3106200"),
                                          QStringLiteral("--status")});
    REQUIRE(setUp.code == 0);
    CHECK_FALSE(ui::ProfileWindowLock::windowIsOpen(data));

    auto first = std::make_unique<Window>(data);
    REQUIRE(first->process.waitForStarted());
    REQUIRE(waitUntil([&] { return ui::ProfileWindowLock::windowIsOpen(data); }));
    qint64 holder = 0;
    CHECK(ui::ProfileWindowLock::windowIsOpen(data, &holder));
    CHECK(holder == first->process.processId());

    // The second start ends at once, and the first window comes forward.
    const Ran second = runInstance(profile);
    CHECK(second.code == 0);
    CHECK(second.out.contains(QStringLiteral("already open")));
    QString firstLog;
    REQUIRE(waitUntil([&] {
        firstLog += QString::fromLocal8Bit(first->process.readAllStandardError());
        return firstLog.contains(QStringLiteral("brought forward"));
    }));
    CHECK(first->process.state() == QProcess::Running);

    // A headless command works, and says a window has the profile open.
    const Ran status = runInstance(profile + QStringList{QStringLiteral("--status")});
    CHECK(status.code == 0);
    CHECK(status.err.contains(QStringLiteral("open in a window")));
    CHECK(status.err.contains(QString::number(first->process.processId())));

    // Killed, the window leaves its lock file and socket: the next start takes both over
    // (nothing here touches the lock in between), and a start after it finds it.
    first->process.kill();
    REQUIRE(first->process.waitForFinished());
    first.reset();
    REQUIRE(QFileInfo::exists(QDir(data).filePath(QStringLiteral("window.lock"))));
    Window next(data);
    REQUIRE(next.process.waitForStarted());
    REQUIRE(waitUntil([&] {
        return ui::ProfileWindowLock::windowIsOpen(data, &holder) && holder == next.process.processId();
    }));
    const Ran again = runInstance(profile);
    CHECK(again.code == 0);
    CHECK(again.out.contains(QStringLiteral("already open")));
    CHECK(next.process.state() == QProcess::Running);
}

TEST_CASE(
    "a package file opened with the app is imported by the window: at its start, or handed to the window "
    "already open")
{
    test::TempDir dir;
    const QString source = dir.filePath(QStringLiteral("outro-computador"));
    const QString data = dir.filePath(QStringLiteral("perfil"));
    const QStringList en{QStringLiteral("--lang"), QStringLiteral("en")};
    // Two packages saved on another computer of the secretariat (demonstration data:
    // the months before the current one are concluded).
    REQUIRE(runInstance(en + QStringList{QStringLiteral("--data-dir"), source,
                                         QStringLiteral("--municipality"), QStringLiteral("3106200"),
                                         QStringLiteral("--demo-data"), QStringLiteral("--status")})
                .code == 0);
    const QDate today = QDate::currentDate();
    const QString month1 = today.addMonths(-1).toString(QStringLiteral("yyyy-MM"));
    const QString month2 = today.addMonths(-2).toString(QStringLiteral("yyyy-MM"));
    QStringList packages;
    for (const QString &month : {month1, month2}) {
        packages << dir.filePath(month + QStringLiteral(".mobiliza"));
        const Ran exported =
            runInstance(en + QStringList{QStringLiteral("--data-dir"), source, QStringLiteral("--export"),
                                         QStringLiteral("package"), QStringLiteral("--month"), month,
                                         QStringLiteral("--out"), packages.last()});
        INFO(exported.err.toStdString());
        REQUIRE(exported.code == 0);
    }
    REQUIRE(runInstance(en + QStringList{QStringLiteral("--data-dir"), data, QStringLiteral("--municipality"),
                                         QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    const auto listed = [&](const QString &month) {
        const Ran status =
            runInstance(en + QStringList{QStringLiteral("--data-dir"), data, QStringLiteral("--status")});
        return status.out.contains(month + QLatin1Char('\t'));
    };
    REQUIRE_FALSE(listed(month1));

    // Opened with the app (the file manager runs "mobiliza FILE"): the window imports it.
    Window first(data, {packages.at(0)});
    REQUIRE(first.process.waitForStarted());
    REQUIRE(waitUntil([&] { return listed(month1); }));
    CHECK(first.process.state() == QProcess::Running);

    // Another file opened while the window is open: handed to it, and the start ends.
    const Ran second = runInstance(en + QStringList{QStringLiteral("--data-dir"), data, packages.at(1)});
    CHECK(second.code == 0);
    CHECK(second.out.contains(QStringLiteral("handed to its window")));
    CHECK(waitUntil([&] { return listed(month2); }));
    CHECK(first.process.state() == QProcess::Running);
}
