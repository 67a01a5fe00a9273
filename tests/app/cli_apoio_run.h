// Shared by the apoio program's CLI tests (test_cli_apoio*.cpp): the real start-up path in
// English, and a COSEMS of Bahia seeded with its demonstration copy.
#pragma once

#include "tests/app/cli_run.h"
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include <QStringList>

#include <algorithm>
#include <initializer_list>

namespace mobiliza::test {

inline QStringList cliArgs(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}

// `mobiliza --data-dir DIR --lang en ARGS…`, in-process.
inline CliRun runCliEn(const QString &dataDir, std::initializer_list<const char *> list)
{
    return runCli(
        QStringList{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--lang"), QStringLiteral("en")} +
        cliArgs(list));
}

// A COSEMS of Bahia with its demonstration copy in `profile`: its quadrimestres, oldest first.
inline QStringList seededCosemsPeriods(const QString &profile)
{
    const CliRun r = runCliEn(
        profile, {"--program", "apoio_cosems", "--role", "cosems", "--uf", "BA", "--demo-data", "--status"});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    QStringList periods;
    for (const QString &line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!periods.contains(line.section(QLatin1Char('\t'), 0, 0)))
            periods << line.section(QLatin1Char('\t'), 0, 0);
    std::sort(periods.begin(), periods.end());
    REQUIRE(periods.size() == 4);
    return periods;
}

} // namespace mobiliza::test
