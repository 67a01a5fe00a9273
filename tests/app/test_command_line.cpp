#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/command_line.h"

using mobiliza::ui::CommandLine;
using mobiliza::ui::parseCommandLine;

namespace {
CommandLine parse(QStringList args)
{
    args.prepend(QStringLiteral("mobiliza"));
    return parseCommandLine(args);
}
} // namespace

TEST_CASE("command line: the options of the foundation issue")
{
    const auto cl = parse({QStringLiteral("--data-dir"), QStringLiteral("/tmp/p"), QStringLiteral("--lang"),
                           QStringLiteral("en"), QStringLiteral("--municipality"), QStringLiteral(" 3106200 "),
                           QStringLiteral("--demo-data"), QStringLiteral("--screenshot"), QStringLiteral("a.png"),
                           QStringLiteral("--page"), QStringLiteral("partners")});
    CHECK(cl.error.isEmpty());
    CHECK(cl.dataDir == QStringLiteral("/tmp/p"));
    CHECK(cl.language == QStringLiteral("en"));
    CHECK(cl.municipality == QStringLiteral("3106200"));
    CHECK(cl.demoData);
    CHECK(cl.screenshotFile == QStringLiteral("a.png"));
    CHECK(cl.page == QStringLiteral("partners"));
    CHECK(cl.isHeadless());
    CHECK_FALSE(cl.status);
}

TEST_CASE("command line: --status is headless and plain runs are not")
{
    CHECK(parse({QStringLiteral("--status")}).isHeadless());
    CHECK_FALSE(parse({}).isHeadless());
    CHECK_FALSE(parse({QStringLiteral("--demo-data")}).isHeadless());
}

TEST_CASE("command line: usage errors are reported, never ignored")
{
    CHECK_FALSE(parse({QStringLiteral("--lang"), QStringLiteral("fr")}).error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("--page"), QStringLiteral("reports")}).error.isEmpty()); // without --screenshot
    CHECK_FALSE(parse({QStringLiteral("--screenshot"), QStringLiteral("x.png"), QStringLiteral("--page"),
                       QStringLiteral("kitchen")})
                    .error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("--no-such-option")}).error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("stray")}).error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("--status"), QStringLiteral("--screenshot"), QStringLiteral("x.png")})
                    .error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("--data-dir")}).error.isEmpty()); // missing value
    for (const auto &page : CommandLine::pageNames())
        CHECK(parse({QStringLiteral("--screenshot"), QStringLiteral("x.png"), QStringLiteral("--page"), page})
                  .error.isEmpty());
}
