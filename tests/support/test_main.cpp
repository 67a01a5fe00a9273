// Catch2 runner shared by every test executable. It owns the Qt application
// object. Built twice: with MOBILIZA_TEST_GUI for widget tests (QApplication),
// without it for core/sync tests (QCoreApplication).
//
// catch_discover_tests runs the binary at build time to list tests: without a
// display a QApplication would abort and register zero tests, so the platform
// falls back to "offscreen" whenever no display is set.
//
// The suite must mean what it says:
// - a run whose filter matches no test case fails (Catch2's `--warn NoTests`),
//   so a CTest entry that names no real test can never pass;
// - a test case that makes no assertion fails (`--warn NoAssertions`);
// - every test case that ran is appended to the file named by
//   MOBILIZA_TESTS_RAN_LOG (one line: executable, tab, name, tab, assertions),
//   which scripts/test.sh counts against tests/test_floor.txt.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QByteArray>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QtGlobal>

#include <fcntl.h>
#include <unistd.h>

#ifdef MOBILIZA_TEST_GUI
#include <QApplication>
using TestApp = QApplication;
#else
#include <QCoreApplication>
using TestApp = QCoreApplication;
#endif

namespace {

QByteArray g_executable;

// Appends one line per finished test case. One write(2) on an O_APPEND file
// per line: lines from test processes running in parallel never interleave.
class RanLog : public Catch::TestEventListenerBase
{
public:
    using TestEventListenerBase::TestEventListenerBase;

    void testCaseEnded(const Catch::TestCaseStats &stats) override
    {
        const QByteArray path = qgetenv("MOBILIZA_TESTS_RAN_LOG");
        if (path.isEmpty())
            return;
        QByteArray name = QByteArray::fromStdString(stats.testInfo.name);
        name.replace('\t', ' ').replace('\n', ' ');
        const QByteArray line = g_executable + '\t' + name + '\t'
                                + QByteArray::number(qulonglong(stats.totals.assertions.total())) + '\n';
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0)
            return;
        const ssize_t written = ::write(fd, line.constData(), size_t(line.size()));
        (void)written;
        ::close(fd);
    }
};

} // namespace

CATCH_REGISTER_LISTENER(RanLog)

#if defined(__SANITIZE_ADDRESS__)
// Under the asan preset, catch_discover_tests runs each test binary at build
// time, where no ASAN_OPTIONS are set: without this default, LeakSanitizer's
// report of what Qt keeps for the life of the process would fail the listing
// and register no test. scripts/test.sh sets the options for the real runs.
extern "C" __attribute__((visibility("default"), used)) const char *__asan_default_options()
{
    return "detect_leaks=0";
}
#endif

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Tests never touch the user's real profile or settings.
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::Portuguese, QLocale::Brazil));
    g_executable = QFileInfo(QString::fromLocal8Bit(argv[0])).fileName().toUtf8();

    TestApp app(argc, argv);
    TestApp::setOrganizationName(QStringLiteral("MobilizaTests"));
    TestApp::setApplicationName(QStringLiteral("mobiliza-tests"));

    Catch::Session session;
    if (const int bad = session.applyCommandLine(argc, argv); bad != 0)
        return bad;
    // Always on, whatever the command line says: running nothing, or a test
    // case that checks nothing, is a failure.
    auto &config = session.configData();
    config.warnings = static_cast<Catch::WarnAbout::What>(config.warnings | Catch::WarnAbout::NoTests
                                                          | Catch::WarnAbout::NoAssertions);
    return session.run();
}
