// `mobiliza --panel … --out FILE.pdf` through the real start-up path: the
// Balanço mensal of a demonstration URS profile, read back with pdftotext.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"
#include "core/services/services.h"
#include "tests/app/cli_run.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>

using namespace mobiliza;

namespace {

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-enc"),
                                          QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000)); // poppler-utils (scripts/setup.sh)
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

TEST_CASE("cli panel pdf: --out FILE.pdf writes the Balanço mensal of the URS with its figures, and a bad "
          "path writes nothing")
{
    test::TempDir dir;
    const QString urs = dir.filePath(QStringLiteral("urs"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                          QStringLiteral("--urs"), QStringLiteral("Barbacena"), QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);
    const QStringList panel{QStringLiteral("--data-dir"), urs,
                            QStringLiteral("--panel"),    QStringLiteral("--from"),
                            QStringLiteral("2026-05"),    QStringLiteral("--to"),
                            QStringLiteral("2026-10"),    QStringLiteral("--out")};
    const QString pdf = dir.filePath(QStringLiteral("balanco.pdf"));
    auto r = test::runCli(panel + QStringList{pdf});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("Barbacena")));

    // The figures the PDF must hold, from the same profile.
    core::PanelData data;
    QList<core::UrsNuclei> nuclei;
    {
        auto opened = core::Services::open(urs, test::cliClock());
        REQUIRE(opened);
        core::Services &s = *opened.value();
        const auto scope = s.reference().municipalitiesOfUrs(QStringLiteral("Barbacena"));
        const core::PanelFilter f{core::Period{2026, 5}, core::Period{2026, 10}};
        const core::ProgramDefinition program =
            s.programs().engine(QStringLiteral("ses_mg_mobilizacao"))->program();
        auto computed =
            core::computePanel(s.database(), s.replica(), program, scope, f, s.reviews().localStates());
        REQUIRE(computed);
        data = computed.value();
        auto counted = core::computeNuclei(s.database(), s.replica(), QStringLiteral("ses_mg_mobilizacao"), scope, f, s.reviews().localStates());
        REQUIRE(counted);
        nuclei = counted.value();
    }
    REQUIRE(data.tiles.actions > 100);
    REQUIRE(nuclei.size() == 1);
    const QLocale ptBr(QLocale::Portuguese, QLocale::Brazil);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Balanço mensal das ações de mobilização social")));
    CHECK(text.contains(QStringLiteral("URS Barbacena — maio a outubro de 2026")));
    CHECK(text.contains(QStringLiteral("DEMONSTRAÇÃO — dados fictícios"))); // a demonstration profile
    CHECK(text.contains(QStringLiteral("22/11/2026")));                     // generated at, in Brasília time
    CHECK(text.contains(QRegularExpression(QStringLiteral("Página 1 de \\d+"))));
    CHECK(text.contains(
        QRegularExpression(QStringLiteral("(^|\\s)%1\\s+%2\\s+%3 de %4\\s")
                               .arg(ptBr.toString(data.tiles.actions),
                                    QRegularExpression::escape(ptBr.toString(data.tiles.people)))
                               .arg(data.tiles.reporting)
                               .arg(data.tiles.expected),
                           QRegularExpression::MultilineOption)));
    CHECK(text.contains(QRegularExpression(QStringLiteral("Barbacena\\s+%1\\s+%2\\s+%3\\s")
                                               .arg(nuclei.first().municipalities)
                                               .arg(nuclei.first().active)
                                               .arg(nuclei.first().fresh))));

    // A folder that does not exist: a message, exit 1, no file.
    const QString nowhere = dir.filePath(QStringLiteral("nao-existe/balanco.pdf"));
    r = test::runCli(panel + QStringList{nowhere});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("nao-existe")));
    CHECK_FALSE(QFile::exists(nowhere));
    // Another suffix is refused, naming the three.
    r = test::runCli(panel + QStringList{dir.filePath(QStringLiteral("balanco.txt"))});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral(".pdf")));
}
