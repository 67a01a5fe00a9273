// The runner's guards (tests/support/test_main.cpp), checked by running this
// very binary as a child with hidden test cases: a filter that matches nothing
// fails, a test case that asserts nothing fails, and every test case that ran
// is logged once for scripts/test.sh's floor.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

namespace {

struct Child
{
    int exitCode = -1;
    QByteArray output;
    QByteArray log;
};

Child runSelf(const QString &filter)
{
    mobiliza::test::TempDir dir;
    const QString log = dir.filePath(QStringLiteral("ran.log"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MOBILIZA_TESTS_RAN_LOG"), log);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QCoreApplication::applicationFilePath(), {filter});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    Child c;
    c.exitCode = p.exitCode();
    c.output = p.readAll();
    QFile f(log);
    if (f.open(QIODevice::ReadOnly))
        c.log = f.readAll();
    return c;
}

} // namespace

// Hidden ([.]): run only when named, by the cases below.
TEST_CASE("guard child: passes with one assertion", "[.][guard]")
{
    CHECK(1 + 1 == 2);
}

TEST_CASE("guard child: asserts nothing", "[.][guard]")
{
}

TEST_CASE("runner: a filter that matches no test case fails and logs nothing")
{
    const Child c = runSelf(QStringLiteral("no test case has this name"));
    INFO(c.output.toStdString());
    CHECK(c.exitCode != 0);
    CHECK(c.log.isEmpty());
}

TEST_CASE("runner: a test case that asserts nothing fails")
{
    const Child c = runSelf(QStringLiteral("guard child: asserts nothing"));
    INFO(c.output.toStdString());
    CHECK(c.exitCode != 0);
}

TEST_CASE("runner: a test case that ran is logged once, with its executable and assertions")
{
    const Child c = runSelf(QStringLiteral("guard child: passes with one assertion"));
    INFO(c.output.toStdString());
    CHECK(c.exitCode == 0);
    CHECK(c.log == QByteArray("test_runner\tguard child: passes with one assertion\t1\n"));
}
