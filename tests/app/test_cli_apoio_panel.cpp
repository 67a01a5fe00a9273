// The apoio program's panel and text search through the real start-up path (issue 11): a
// COSEMS's figures to CSV/XLSX and `--search`, each counted another way from the copy the
// command line left.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/application.h"
#include "core/services/services.h"
#include "tests/app/cli_apoio_run.h"
#include "tests/support/accent_fold.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace mobiliza;

TEST_CASE("cli apoio: the COSEMS's panel to CSV and XLSX, its actions counted from the copy")
{
    test::TempDir dir;
    const QString cosems = dir.filePath(QStringLiteral("cosems"));
    const QStringList periods = test::seededCosemsPeriods(cosems);
    test::CliRun r;
    const QByteArray from = periods.first().toUtf8(), to = periods.last().toUtf8();
    const QString csvPath = dir.filePath(QStringLiteral("painel.csv"));
    r = test::runCliEn(cosems, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                csvPath.toUtf8().constData()});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.startsWith(QStringLiteral("Panel of Bahia, ")));
    CHECK(r.out.contains(QStringLiteral("of 417 municipalities supported")));

    // The actions of the accepted reports, counted here from the copy the CLI left.
    qint64 actions = 0;
    {
        core::FixedClock clock{QDateTime::currentDateTimeUtc()};
        auto opened = core::Services::open(cosems, clock);
        REQUIRE(opened.ok());
        auto latest = opened.value()->replica().latest();
        REQUIRE(latest.ok());
        for (const core::ReplicaRevision &rev : latest.value())
            if (rev.state == QStringLiteral("accepted") && rev.hasManifest) {
                auto report = opened.value()->replica().report(rev.report, rev.revision);
                REQUIRE(report.ok());
                actions += report.value().actions.size();
            }
    }
    REQUIRE(actions > 0);
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    QStringList actionsRow;
    for (const QString &line : text.split(QStringLiteral("\r\n")))
        if (line.startsWith(QStringLiteral("Actions;")))
            actionsRow = line.split(QLatin1Char(';'));
    REQUIRE(actionsRow.size() == 6);
    CHECK(actionsRow[2].startsWith(QStringLiteral("BA · ")));
    CHECK(actionsRow[3] == QString::number(actions));
    CHECK(r.out.contains(QStringLiteral(": %1 actions,").arg(actions)));

    const QString xlsx = dir.filePath(QStringLiteral("painel.xlsx"));
    r = test::runCliEn(cosems, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                xlsx.toUtf8().constData()});
    REQUIRE(r.code == 0);
    QFile book(xlsx);
    REQUIRE(book.open(QIODevice::ReadOnly));
    CHECK(book.read(2) == QByteArray("PK"));

    // What it refuses, in words: a PDF (no Balanço for this program), months, a range upside down.
    r = test::runCliEn(cosems, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                dir.filePath(QStringLiteral("b.pdf")).toUtf8().constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral(".csv or .xlsx")));
    r = test::runCliEn(cosems, {"--panel", "--from", to.constData(), "--to", from.constData(), "--out",
                                csvPath.toUtf8().constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--from must not be after --to")));
    // An apoiador has no panel: it is the coordination's and CONASEMS's.
    const QString apoiador = dir.filePath(QStringLiteral("apoiador"));
    REQUIRE(test::runCliEn(apoiador,
                           {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "BA", "--status"})
                .code == 0);
    r = test::runCliEn(apoiador, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                  csvPath.toUtf8().constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("“COSEMS coordination” or “CONASEMS”")));
}

TEST_CASE(
    "cli apoio: --search finds the words without accents in the accepted reports, as counted another way")
{
    test::TempDir dir;
    const QString cosems = dir.filePath(QStringLiteral("cosems"));
    const QStringList periods = test::seededCosemsPeriods(cosems);
    test::CliRun r;
    const QByteArray from = periods.first().toUtf8(), to = periods.last().toUtf8();
    const QString csvPath = dir.filePath(QStringLiteral("encontradas.csv"));
    r = test::runCliEn(cosems, {"--search", "reuniao", "--from", from.constData(), "--to", to.constData(),
                                "--out", csvPath.toUtf8().constData()});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);

    // Counted here: each text of the accepted reports' actions (a field, or an encaminhamento's
    // texts) holding a word that starts with "reuniao", accents and case aside.
    int passages = 0;
    int actions = 0;
    {
        core::FixedClock clock{QDateTime::currentDateTimeUtc()};
        auto opened = core::Services::open(cosems, clock);
        REQUIRE(opened.ok());
        auto latest = opened.value()->replica().latest();
        REQUIRE(latest.ok());
        for (const core::ReplicaRevision &rev : latest.value()) {
            if (rev.state != QStringLiteral("accepted") || !rev.hasManifest)
                continue;
            auto report = opened.value()->replica().report(rev.report, rev.revision);
            REQUIRE(report.ok());
            for (const core::Action &a : report.value().actions) {
                QStringList texts;
                for (const char *field : {"activities", "results", "difficulties"})
                    texts << a.values.value(QLatin1String(field)).toString();
                for (const QJsonValue &entry : a.values.value(QStringLiteral("referrals")).toArray())
                    texts << entry.toObject().value(QStringLiteral("description")).toString() +
                                 QLatin1Char(' ') +
                                 entry.toObject().value(QStringLiteral("responsible")).toString();
                const auto n = std::count_if(texts.begin(), texts.end(), [](const QString &t) {
                    return test::hasWordStarting(t, QStringLiteral("reuniao"));
                });
                passages += int(n);
                actions += n > 0 ? 1 : 0;
            }
        }
    }
    REQUIRE(actions > 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE_FALSE(lines.isEmpty());
    CHECK(lines.last().startsWith(
        QStringLiteral("%1 passage(s) in %2 action(s), ").arg(passages).arg(actions)));
    // Each passage printed names the quadrimestre, who, the action and the field, the word marked.
    const QStringList printed = lines.mid(0, lines.size() - 1);
    CHECK(printed.size() == std::min(passages, 20));
    for (const QString &line : printed) {
        const QStringList cells = line.split(QLatin1Char('\t'));
        REQUIRE(cells.size() == 5);
        CHECK(periods.contains(cells[0]));
        CHECK(cells[2].startsWith(QStringLiteral("Support action ")));
        const QString marked = cells[4].section(QLatin1Char('['), 1, 1).section(QLatin1Char(']'), 0, 0);
        CHECK(test::folded(marked).startsWith(QStringLiteral("reuniao")));
    }
    // The file: a header and one line per action found.
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QStringList rows =
        QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    CHECK(rows.size() == actions + 1);

    // What it refuses, in words.
    r = test::runCliEn(cosems, {"--search", "reuniao", "--from", from.constData()});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("--search needs --from PERIOD and --to PERIOD")));
    r = test::runCliEn(cosems, {"--search", "reuniao", "--from", to.constData(), "--to", from.constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--from must not be after --to")));
    const QString apoiador = dir.filePath(QStringLiteral("apoiador"));
    REQUIRE(test::runCliEn(apoiador,
                           {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "BA", "--status"})
                .code == 0);
    r = test::runCliEn(apoiador, {"--search", "reuniao", "--from", from.constData(), "--to", to.constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--search is for a profile of the level")));
}
