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

TEST_CASE("command line: exports and package import")
{
    auto cl = parse({QStringLiteral("--export"), QStringLiteral("pdf"), QStringLiteral("--month"),
                     QStringLiteral("2026-10"), QStringLiteral("--out"), QStringLiteral("r.pdf")});
    CHECK(cl.error.isEmpty());
    CHECK(cl.isHeadless());
    CHECK(cl.exportKind == QStringLiteral("pdf"));
    CHECK(cl.month == QStringLiteral("2026-10"));
    CHECK(cl.outFile == QStringLiteral("r.pdf"));

    cl = parse({QStringLiteral("--export"), QStringLiteral("partners-csv"), QStringLiteral("--out"),
                QStringLiteral("p.csv")});
    CHECK(cl.error.isEmpty()); // the partners register needs no month

    cl = parse({QStringLiteral("--import-package"), QStringLiteral("x.mobiliza")});
    CHECK(cl.error.isEmpty());
    CHECK(cl.isHeadless());
    CHECK(cl.importPackage == QStringLiteral("x.mobiliza"));

    // Each of these must be refused with a message.
    const QList<QStringList> bad{
        {QStringLiteral("--export"), QStringLiteral("pdf"), QStringLiteral("--out"), QStringLiteral("r.pdf")},
        {QStringLiteral("--export"), QStringLiteral("pdf"), QStringLiteral("--month"), QStringLiteral("2026-10")},
        {QStringLiteral("--export"), QStringLiteral("docx"), QStringLiteral("--month"), QStringLiteral("2026-10"),
         QStringLiteral("--out"), QStringLiteral("r.docx")},
        {QStringLiteral("--export"), QStringLiteral("csv"), QStringLiteral("--month"), QStringLiteral("10/2026"),
         QStringLiteral("--out"), QStringLiteral("r.csv")},
        {QStringLiteral("--month"), QStringLiteral("2026-10")},
        {QStringLiteral("--status"), QStringLiteral("--import-package"), QStringLiteral("x.mobiliza")},
    };
    for (const auto &args : bad) {
        INFO(args.join(QLatin1Char(' ')).toStdString());
        CHECK_FALSE(parse(args).error.isEmpty());
    }
}

TEST_CASE("command line: files opened with the app (the desktop's file association) go to the window")
{
    // The .desktop file runs "mobiliza %F" for report packages and URS batch files.
    auto cl = parse({QStringLiteral("/media/pendrive/relatorio.mobiliza"),
                     QStringLiteral("/media/pendrive/lote-Barbacena-2026-10.MOBILIZA-LOTE")});
    CHECK(cl.error.isEmpty());
    CHECK_FALSE(cl.isHeadless());
    CHECK(cl.openFiles ==
          QStringList{QStringLiteral("/media/pendrive/relatorio.mobiliza"),
                      QStringLiteral("/media/pendrive/lote-Barbacena-2026-10.MOBILIZA-LOTE")});

    // Anything else is a mistake, said as such.
    cl = parse({QStringLiteral("relatorio.mobiliza"), QStringLiteral("foto.jpg")});
    CHECK(cl.openFiles.isEmpty());
    CHECK(cl.error.contains(QStringLiteral("foto.jpg")));
}

TEST_CASE("command line: headless detection before the application exists")
{
    auto headless = [](std::initializer_list<const char *> args) {
        std::vector<char *> argv{const_cast<char *>("mobiliza")};
        for (const char *a : args)
            argv.push_back(const_cast<char *>(a));
        return mobiliza::ui::argumentsAreHeadless(int(argv.size()), argv.data());
    };
    CHECK(headless({"--status"}));
    CHECK(headless({"--export=pdf"}));
    CHECK(headless({"--data-dir", "/tmp/x", "--import-package", "a.mobiliza"}));
    CHECK_FALSE(headless({"--data-dir", "/tmp/status"}));
    CHECK_FALSE(headless({"--demo-data"}));
}

TEST_CASE("command line: --import-receipt FILE... and --batches (URS)")
{
    const auto cl = parse({QStringLiteral("--import-receipt"), QStringLiteral("a.mobiliza-recibo"),
                           QStringLiteral("b.mobiliza-recibo")});
    CHECK(cl.error.isEmpty());
    CHECK(cl.importReceipts == QStringList{QStringLiteral("a.mobiliza-recibo"), QStringLiteral("b.mobiliza-recibo")});
    CHECK(cl.importPackages.isEmpty());
    CHECK(cl.isHeadless());
    const auto listed = parse({QStringLiteral("--batches")});
    CHECK(listed.error.isEmpty());
    CHECK(listed.batches);
    CHECK(listed.isHeadless());
    // One action per run.
    CHECK_FALSE(parse({QStringLiteral("--batches"), QStringLiteral("--status")}).error.isEmpty());
    CHECK_FALSE(parse({QStringLiteral("--import-receipt"), QStringLiteral("a"), QStringLiteral("--import-package"),
                       QStringLiteral("b")})
                    .error.isEmpty());
    std::vector<char *> argv{const_cast<char *>("mobiliza"), const_cast<char *>("--import-receipt"),
                             const_cast<char *>("a.mobiliza-recibo")};
    CHECK(mobiliza::ui::argumentsAreHeadless(int(argv.size()), argv.data()));
}

TEST_CASE("command line: --panel needs its range and a file, and its options go with it only")
{
    auto cl = parse({QStringLiteral("--panel"), QStringLiteral("--from"), QStringLiteral("2026-01"),
                     QStringLiteral("--to"), QStringLiteral("2026-10"), QStringLiteral("--urs"),
                     QStringLiteral("Barbacena"), QStringLiteral("--theme"), QStringLiteral("vacinacao"),
                     QStringLiteral("--out"), QStringLiteral("p.xlsx")});
    CHECK(cl.error.isEmpty());
    CHECK(cl.panel);
    CHECK(cl.isHeadless());
    CHECK(cl.fromMonth == QStringLiteral("2026-01"));
    CHECK(cl.toMonth == QStringLiteral("2026-10"));
    CHECK(cl.urs == QStringLiteral("Barbacena"));
    CHECK(cl.theme == QStringLiteral("vacinacao"));
    CHECK(cl.outFile == QStringLiteral("p.xlsx"));
    for (const QStringList &wrong :
         {QStringList{QStringLiteral("--panel"), QStringLiteral("--from"), QStringLiteral("2026-01"),
                      QStringLiteral("--to"), QStringLiteral("2026-10")},
          QStringList{QStringLiteral("--panel"), QStringLiteral("--from"), QStringLiteral("2026-1"),
                      QStringLiteral("--to"), QStringLiteral("2026-10"), QStringLiteral("--out"), QStringLiteral("p.csv")},
          QStringList{QStringLiteral("--status"), QStringLiteral("--from"), QStringLiteral("2026-01")},
          QStringList{QStringLiteral("--panel"), QStringLiteral("--coverage"), QStringLiteral("--month"),
                      QStringLiteral("2026-10"), QStringLiteral("--from"), QStringLiteral("2026-01"),
                      QStringLiteral("--to"), QStringLiteral("2026-10"), QStringLiteral("--out"), QStringLiteral("p.csv")}}) {
        CAPTURE(wrong);
        CHECK_FALSE(parse(wrong).error.isEmpty());
    }
}
