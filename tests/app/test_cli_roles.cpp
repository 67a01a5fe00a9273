// The profile's role through the real start-up path: --role/--urs on first use,
// what a profile refuses afterwards, and the commands that belong to each role.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/application.h"
#include "core/services/services.h"
#include "tests/app/cli_run.h"
#include "tests/support/temp_dir.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLocale>

using namespace mobiliza;

namespace {

std::optional<core::Role> roleOf(const QString &dataDir)
{
    auto opened = core::Services::open(dataDir, test::cliClock());
    REQUIRE(opened);
    return opened.value()->profile().role();
}

} // namespace

TEST_CASE("cli roles: a URS profile is set up once with --role urs --urs, by name or alias")
{
    test::TempDir dir;
    const QString urs = dir.filePath(QStringLiteral("urs"));
    auto r =
        test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                      QStringLiteral("--urs"), QStringLiteral("manhumirim"), QStringLiteral("--status")});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    CHECK(r.out.isEmpty()); // nothing pulled yet
    auto opened = core::Services::open(urs, test::cliClock());
    REQUIRE(opened);
    CHECK(opened.value()->profile().role() == core::Role::Urs);
    CHECK(opened.value()->profile().urs() == QStringLiteral("Manhuaçu")); // the canonical name
    opened.value().reset();

    // --role alone names what it is: fine; another role is refused, saying what the profile is.
    CHECK(test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                        QStringLiteral("--urs"), QStringLiteral("Manhuaçu"), QStringLiteral("--status")})
              .code == 0);
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"),
                      QStringLiteral("municipality"), QStringLiteral("--status")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("Manhuaçu")));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--municipality"),
                      QStringLiteral("3139409"), QStringLiteral("--status")});
    CHECK(r.code == 1);
    CHECK_FALSE(r.err.isEmpty());
    CHECK(roleOf(urs) == core::Role::Urs);

    // A municipality's commands are not a URS's.
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--export"), QStringLiteral("pdf"),
                      QStringLiteral("--month"), QStringLiteral("2026-10"), QStringLiteral("--out"),
                      dir.filePath(QStringLiteral("x.pdf"))});
    CHECK(r.code == 1);
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("x.pdf"))));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--coverage"),
                      QStringLiteral("--month"), QStringLiteral("2026-10")});
    REQUIRE(r.code == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    CHECK(lines.size() ==
          core::ReferenceData::embedded().municipalitiesOfUrs(QStringLiteral("Manhuaçu")).size());
    for (const QString &line : lines)
        CHECK(line.endsWith(QStringLiteral("\tmissing")));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--review"),
                      QStringLiteral("0b6f0000-0000-4000-8000-000000000000"), QStringLiteral("--accept")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--pull")));
}

TEST_CASE("cli roles: an unknown URS sets nothing up")
{
    test::TempDir dir;
    const QString p = dir.filePath(QStringLiteral("p"));
    auto r = test::runCli({QStringLiteral("--data-dir"), p, QStringLiteral("--role"), QStringLiteral("urs"),
                           QStringLiteral("--urs"), QStringLiteral("Atlantis"), QStringLiteral("--status")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("Barbacena"))); // the list of valid names
    CHECK_FALSE(roleOf(p).has_value());

    // A municipality's profile made before roles, and --pull there.
    const QString bh = dir.filePath(QStringLiteral("bh"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), bh, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    CHECK(roleOf(bh) == core::Role::Municipality);
    r = test::runCli({QStringLiteral("--data-dir"), bh, QStringLiteral("--pull")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--sync")));
    CHECK(test::runCli({QStringLiteral("--data-dir"), bh, QStringLiteral("--role"),
                        QStringLiteral("municipality"), QStringLiteral("--status")})
              .code == 0);
}

TEST_CASE("cli import: several package files, or a folder of them, each on its own")
{
    test::TempDir dir;
    const QString field = dir.filePath(QStringLiteral("laptop"));
    const QString office = dir.filePath(QStringLiteral("office"));
    const QString folder = dir.filePath(QStringLiteral("pendrive"));
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), field, QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);
    for (const QString &month : {QStringLiteral("2026-09"), QStringLiteral("2026-10")})
        REQUIRE(test::runCli({QStringLiteral("--data-dir"), field, QStringLiteral("--export"),
                              QStringLiteral("package"), QStringLiteral("--month"), month,
                              QStringLiteral("--out"),
                              QDir(folder).filePath(month + QStringLiteral(".mobiliza"))})
                    .code == 0);
    const QString junk = QDir(folder).filePath(QStringLiteral("2026-08.mobiliza"));
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("not a package");
    }
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    // The folder: the broken file is named, the two good ones are imported.
    auto r = test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--import-package"), folder});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("2026-08.mobiliza")));
    CHECK(r.out.count(QLatin1Char('\n')) == 2);
    CHECK(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--status")}).out ==
          QStringLiteral("2026-09\tready\t1\n2026-10\tready\t1\n"));
    // Two files after one option: both are read (here: already present, nothing changed).
    r = test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--import-package"),
                      QDir(folder).filePath(QStringLiteral("2026-09.mobiliza")),
                      QDir(folder).filePath(QStringLiteral("2026-10.mobiliza"))});
    CHECK(r.code == 0);
    CHECK(r.out.count(QStringLiteral("nothing changed")) + r.out.count(QStringLiteral("nada foi alterado")) ==
          2);
}

TEST_CASE("cli roles: a URS demonstration profile, its coverage and the report view")
{
    test::TempDir dir;
    const QString urs = dir.filePath(QStringLiteral("urs"));
    auto r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                           QStringLiteral("--urs"), QStringLiteral("Barbacena"),
                           QStringLiteral("--demo-data"), QStringLiteral("--status")});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    CHECK(lines.size() > 300);
    CHECK(r.out.contains(QStringLiteral("\treceived\t2\t"))); // the corrected report
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--coverage"),
                      QStringLiteral("--month"), QStringLiteral("2026-10")});
    REQUIRE(r.code == 0);
    for (const QString &state : {QStringLiteral("on_time"), QStringLiteral("late"),
                                 QStringLiteral("no_actions"), QStringLiteral("missing")})
        CHECK(r.out.contains(QLatin1Char('\t') + state + QLatin1Char('\n')));
    const QString png = dir.filePath(QStringLiteral("report.png"));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--screenshot"), png,
                      QStringLiteral("--page"), QStringLiteral("report")});
    CHECK(r.err == QString());
    CHECK(r.code == 0);
    CHECK(QImage(png).width() > 0);
    // A municipality's pages are not a URS's.
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--screenshot"), png,
                      QStringLiteral("--page"), QStringLiteral("editor")});
    CHECK(r.code == 1);
}

TEST_CASE("cli panel: the Painel's data of a URS as CSV equals a count from the replica's reports, and wrong "
          "asks are refused")
{
    test::TempDir dir;
    const QString urs = dir.filePath(QStringLiteral("urs"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                          QStringLiteral("--urs"), QStringLiteral("Barbacena"), QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);
    const QString csv = dir.filePath(QStringLiteral("painel.csv"));
    auto r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--panel"),
                           QStringLiteral("--from"), QStringLiteral("2026-01"), QStringLiteral("--to"),
                           QStringLiteral("2026-10"), QStringLiteral("--out"), csv});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);

    // The count, from the reports themselves: each report's latest revision, accepted onwards.
    qint64 actions = 0, people = 0, vaccination = 0;
    int municipalities = 0;
    {
        auto opened = core::Services::open(urs, test::cliClock());
        REQUIRE(opened);
        core::Services &s = *opened.value();
        municipalities = int(s.reference().municipalitiesOfUrs(QStringLiteral("Barbacena")).size());
        auto latest = s.replica().latest();
        REQUIRE(latest);
        for (const core::ReplicaRevision &rev : latest.value()) {
            if (rev.period < core::Period{2026, 1} || core::Period{2026, 10} < rev.period)
                continue;
            if (!QStringList{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                             QStringLiteral("consolidated")}
                     .contains(rev.state))
                continue;
            auto report = s.replica().report(rev.report, rev.revision);
            REQUIRE(report);
            for (const core::Action &a : report.value().actions) {
                ++actions;
                people += a.values.value(QStringLiteral("people_reached")).toInt();
                if (a.values.value(QStringLiteral("themes")).toArray().contains(QStringLiteral("vacinacao")))
                    ++vaccination;
            }
        }
    }
    REQUIRE(actions > 100);

    QFile file(csv);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 1 + municipalities * 10); // a header, then every municipality × month
    qint64 csvActions = 0, csvPeople = 0;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines.at(i).split(QLatin1Char(';'));
        REQUIRE(cells.size() == 9);
        csvActions += cells.at(7).toLongLong();
        csvPeople += cells.at(8).toLongLong();
    }
    CHECK(csvActions == actions);
    CHECK(csvPeople == people);
    CHECK(r.out.contains(QLocale().toString(actions)));

    // One theme: only its actions (an action with two themes counts under each).
    REQUIRE(vaccination > 0);
    REQUIRE(vaccination < actions);
    const QString themed = dir.filePath(QStringLiteral("vacinacao.csv"));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--panel"), QStringLiteral("--from"),
                      QStringLiteral("2026-01"), QStringLiteral("--to"), QStringLiteral("2026-10"),
                      QStringLiteral("--theme"), QStringLiteral("vacinacao"), QStringLiteral("--out"),
                      themed});
    REQUIRE(r.code == 0);
    QFile themedFile(themed);
    REQUIRE(themedFile.open(QIODevice::ReadOnly));
    qint64 themedActions = 0;
    const QStringList themedLines =
        QString::fromUtf8(themedFile.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    for (int i = 1; i < themedLines.size(); ++i)
        themedActions += themedLines.at(i).split(QLatin1Char(';')).value(7).toLongLong();
    CHECK(themedActions == vaccination);

    // The same as XLSX; then what is refused, in words, writing nothing.
    const QString xlsx = dir.filePath(QStringLiteral("painel.xlsx"));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--panel"), QStringLiteral("--from"),
                      QStringLiteral("2026-01"), QStringLiteral("--to"), QStringLiteral("2026-10"),
                      QStringLiteral("--out"), xlsx});
    CHECK(r.code == 0);
    CHECK(QFile(xlsx).size() > 1000);
    const QString none = dir.filePath(QStringLiteral("none.csv"));
    for (const QStringList &wrong : {QStringList{QStringLiteral("--theme"), QStringLiteral("nao_existe")},
                                     QStringList{QStringLiteral("--urs"), QStringLiteral("Juiz de Fora")}}) {
        r = test::runCli(QStringList{QStringLiteral("--data-dir"), urs, QStringLiteral("--panel"),
                                     QStringLiteral("--from"), QStringLiteral("2026-01"),
                                     QStringLiteral("--to"), QStringLiteral("2026-10"),
                                     QStringLiteral("--out"), none} +
                         wrong);
        CHECK(r.code == 1);
        CHECK_FALSE(r.err.isEmpty());
        CHECK_FALSE(QFile::exists(none));
    }
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--panel"), QStringLiteral("--from"),
                      QStringLiteral("2026-10"), QStringLiteral("--to"), QStringLiteral("2026-01"),
                      QStringLiteral("--out"), none});
    CHECK(r.code == 1);
    CHECK_FALSE(QFile::exists(none));
}
