// Child process for the crash tests: opens a profile, commits a known state,
// then keeps writing until the test kills it with SIGKILL.
//
//   store_crash_helper <dataDir> big   – 3 committed actions, then one huge
//                                        transaction that never commits
//   store_crash_helper <dataDir> loop  – one committed addAction after another
//
// Progress lines on stdout (flushed): "COMMITTED <uuid>", "ROWS <n>", "DONE <k>".
#include "core/domain/clock.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QThread>

#include <cstdio>

using namespace mobiliza::core;

namespace {

void say(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

[[noreturn]] void waitToBeKilled()
{
    say(QStringLiteral("IDLE"));
    for (;;)
        QThread::sleep(1);
}

QJsonObject values(int i)
{
    return QJsonObject{{QStringLiteral("title"), QStringLiteral("A%1").arg(i)},
                       {QStringLiteral("description"), QString(2000, QLatin1Char('a' + i % 26))}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        say(QStringLiteral("ERROR usage: store_crash_helper <dataDir> big|loop"));
        return 2;
    }
    SystemClock clock;
    auto opened = Services::open(args[1], clock);
    if (!opened) {
        say(QStringLiteral("ERROR ") + opened.error().message);
        return 2;
    }
    Services &services = *opened.value();
    if (!services.profile().setMunicipality(QStringLiteral("3106200"))) {
        say(QStringLiteral("ERROR municipality"));
        return 2;
    }
    auto report = services.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), Period{2025, 3});
    if (!report) {
        say(QStringLiteral("ERROR ") + report.error().message);
        return 2;
    }

    if (args[2] == QLatin1String("big")) {
        for (int i = 0; i < 3; ++i) {
            if (!services.reports().addAction(report->uuid, values(i))) {
                say(QStringLiteral("ERROR addAction"));
                return 2;
            }
        }
        say(QStringLiteral("COMMITTED ") + report->uuid);
        const QSqlDatabase db = services.database().db();
        Transaction tx(db);
        const QString payload = QString(2000, QLatin1Char('z'));
        for (int i = 0; i < 400000; ++i) {
            auto inserted =
                execSql(db,
                        QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, "
                                       "created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')"),
                        {newUuid(), report->uuid, 3 + i, payload});
            if (!inserted) {
                say(QStringLiteral("ERROR ") + inserted.error().message);
                return 2;
            }
            if (i % 200 == 0)
                say(QStringLiteral("ROWS %1").arg(i));
        }
        waitToBeKilled();
    }
    if (args[2] == QLatin1String("loop")) {
        say(QStringLiteral("COMMITTED ") + report->uuid);
        for (int k = 1;; ++k) {
            if (!services.reports().addAction(report->uuid, values(k))) {
                say(QStringLiteral("ERROR addAction"));
                return 2;
            }
            say(QStringLiteral("DONE %1").arg(k));
        }
    }
    say(QStringLiteral("ERROR unknown mode"));
    return 2;
}
