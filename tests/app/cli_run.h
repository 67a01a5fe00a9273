// Runs the real start-up path (ui::runMobiliza) in-process, as the command line
// would, on a fixed clock (22/11/2026 14:00 UTC). Shared by the CLI tests.
#pragma once

#include "app/ui/application.h"
#include "core/domain/clock.h"

#include <QStringList>
#include <QTimeZone>

#include <functional>

namespace mobiliza::test {

inline const QDateTime kCliNow(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc());

inline const core::FixedClock &cliClock()
{
    static const core::FixedClock clock(kCliNow);
    return clock;
}

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

// `ask` answers the first-run municipality question (none: not asked).
inline CliRun runCli(const QStringList &args, std::function<QString()> ask = {})
{
    ui::StartupSeams seams;
    seams.clock = &cliClock();
    seams.askMunicipality = std::move(ask);
    CliRun r;
    QStringList full{QStringLiteral("mobiliza")};
    full << args;
    r.code = ui::runMobiliza(full, seams, &r.out, &r.err);
    return r;
}

} // namespace mobiliza::test
