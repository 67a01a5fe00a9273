// Catch2 runner shared by every test executable. It owns the Qt application
// object. Built twice: with MOBILIZA_TEST_GUI for widget tests (QApplication),
// without it for core/sync tests (QCoreApplication).
//
// catch_discover_tests runs the binary at build time to list tests: without a
// display a QApplication would abort and register zero tests, so the platform
// falls back to "offscreen" whenever no display is set.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QLocale>
#include <QStandardPaths>
#include <QtGlobal>

#ifdef MOBILIZA_TEST_GUI
#include <QApplication>
using TestApp = QApplication;
#else
#include <QCoreApplication>
using TestApp = QCoreApplication;
#endif

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Tests never touch the user's real profile or settings.
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::Portuguese, QLocale::Brazil));

    TestApp app(argc, argv);
    TestApp::setOrganizationName(QStringLiteral("MobilizaTests"));
    TestApp::setApplicationName(QStringLiteral("mobiliza-tests"));
    return Catch::Session().run(argc, argv);
}
