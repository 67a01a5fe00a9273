// Start-up through runMobiliza: the command line as a user types it, on real
// temporary profiles, with the first-run question answered through its seam.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/application.h"
#include "core/domain/clock.h"
#include "core/services/services.h"
#include "tests/app/cli_run.h"
#include "tests/support/temp_dir.h"

#include <QCryptographicHash>
#include <QImage>
#include <QSet>
#include <QTimeZone>

using namespace mobiliza;

namespace {

// How many distinct colours a 40×40 grid of samples finds: a blank or
// single-colour window has 1 or 2, a rendered page with text, icons and
// controls has many.
int sampledColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int gx = 0; gx < 40; ++gx)
        for (int gy = 0; gy < 40; ++gy)
            colours.insert(image.pixel(gx * (image.width() - 1) / 39, gy * (image.height() - 1) / 39));
    return int(colours.size());
}

using test::cliClock;

const core::FixedClock &testClock()
{
    return cliClock();
}

QString profileMunicipality(const QString &dir)
{
    auto s = core::Services::open(dir, testClock());
    REQUIRE(s.ok());
    return s.value()->profile().municipality();
}

} // namespace

TEST_CASE("startup: a headless run on a new profile without a municipality says what to do")
{
    test::TempDir dir;
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--status")});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QStringLiteral("--municipality")));
    CHECK(r.out.isEmpty());
}

TEST_CASE("startup: --municipality sets the profile once and refuses to change it")
{
    test::TempDir dir;
    auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                           QStringLiteral("3117836"), QStringLiteral("--status")});
    REQUIRE(r.code == 0);
    CHECK(r.out.isEmpty()); // no reports yet
    CHECK(profileMunicipality(dir.path()) == QStringLiteral("3117836"));

    r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                      QStringLiteral("3117836"), QStringLiteral("--status")});
    CHECK(r.code == 0); // the same again is fine

    r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                      QStringLiteral("3106200"), QStringLiteral("--status")});
    CHECK(r.code != 0);
    CHECK_FALSE(r.err.trimmed().isEmpty());
    CHECK(profileMunicipality(dir.path()) == QStringLiteral("3117836"));
}

TEST_CASE("startup: an unknown municipality code is refused with a message")
{
    test::TempDir dir;
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                                 QStringLiteral("3500000"), QStringLiteral("--status")});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QStringLiteral("3500000")));
    CHECK(profileMunicipality(dir.path()).isEmpty());
}

TEST_CASE("startup: usage errors exit 2 with a message on stderr")
{
    const auto r = test::runCli({QStringLiteral("--lang"), QStringLiteral("xx")});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("xx")));
}

TEST_CASE("startup: the first-run question is asked and its answer kept")
{
    test::TempDir dir;
    int asked = 0;
    const QString shot = dir.filePath(QStringLiteral("first.png"));
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("profile")),
                                 QStringLiteral("--screenshot"), shot},
                                [&asked] {
                                    ++asked;
                                    return QStringLiteral("3152131");
                                });
    REQUIRE(r.code == 0);
    CHECK(asked == 1);
    CHECK(profileMunicipality(dir.filePath(QStringLiteral("profile"))) == QStringLiteral("3152131"));
    const QImage image(shot);
    REQUIRE_FALSE(image.isNull());
    CHECK(sampledColours(image) >= 6); // the main window was drawn, not a blank one
}

TEST_CASE("startup: cancelling the first-run question changes nothing")
{
    test::TempDir dir;
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                                 QStringLiteral("en"), QStringLiteral("--screenshot"),
                                 dir.filePath(QStringLiteral("x.png"))},
                                [] { return QString(); });
    CHECK(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("Nothing was set up"))); // not a silent exit
    CHECK(profileMunicipality(dir.path()).isEmpty());
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("x.png"))));
}

TEST_CASE("startup: --demo-data --status seeds 12 ready months and a current draft")
{
    test::TempDir dir;
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo-data"),
                                 QStringLiteral("--status")});
    REQUIRE(r.code == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 13);
    // 12 months before November 2026 are ready (revision 1), November is a draft.
    CHECK(lines.first() == QStringLiteral("2025-11\tready\t1"));
    CHECK(lines.at(11) == QStringLiteral("2026-10\tready\t1"));
    CHECK(lines.last() == QStringLiteral("2026-11\tdraft\t1"));

    auto services = core::Services::open(dir.path(), testClock());
    REQUIRE(services.ok());
    auto &s = *services.value();
    CHECK(s.profile().isDemo());
    const auto partners = s.partners().partners();
    CHECK(partners.size() >= 20);
    CHECK(partners.size() <= 40);
    QSet<core::PartnerStage> stages;
    for (const auto &p : partners)
        stages.insert(p.stage);
    CHECK(stages.size() == 4);
    const auto listed = s.reports().summaries();
    REQUIRE(listed.ok());
    for (const auto &sum : listed.value()) {
        INFO(sum.period.key().toStdString());
        if (sum.period != core::Period{2026, 11}) {
            CHECK(sum.actionCount >= 5);
            CHECK(sum.actionCount <= 15);
        }
        CHECK(sum.photoCount >= sum.actionCount);
        CHECK(sum.photoCount <= 3 * sum.actionCount);
    }

    // Seeding again is a no-op, not a second data set.
    const auto again = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo-data"),
                                     QStringLiteral("--status")});
    CHECK(again.code == 0);
    CHECK(again.out == r.out);
}

TEST_CASE("startup: --demo-data after a seed that was cut short starts again and completes it")
{
    test::TempDir dir;
    const auto complete = test::runCli({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("whole")),
                                        QStringLiteral("--demo-data"), QStringLiteral("--status")});
    REQUIRE(complete.code == 0);
    {
        // What a seed killed half-way leaves: the profile marked as demo (first),
        // the "incomplete" mark, and part of the data.
        auto services = core::Services::open(dir.filePath(QStringLiteral("cut")), testClock());
        REQUIRE(services.ok());
        auto &s = *services.value();
        REQUIRE(s.profile().setMunicipality(QStringLiteral("3106200")).ok());
        REQUIRE(s.profile().setSetting(QStringLiteral("demo_seed_incomplete"), QStringLiteral("1")).ok());
        REQUIRE(s.profile().setDemo(true).ok());
        REQUIRE(s.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), {2025, 11}).ok());
    }
    const auto again = test::runCli({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("cut")),
                                     QStringLiteral("--demo-data"), QStringLiteral("--status")});
    CHECK(again.code == 0);
    CHECK(again.out == complete.out); // the whole set, not the part left behind
    auto services = core::Services::open(dir.filePath(QStringLiteral("cut")), testClock());
    REQUIRE(services.ok());
    CHECK(services.value()->profile().setting(QStringLiteral("demo_seed_incomplete")).isEmpty());
}

TEST_CASE("startup: --demo-data refuses a profile with real data")
{
    test::TempDir dir;
    {
        auto services = core::Services::open(dir.path(), testClock());
        REQUIRE(services.ok());
        REQUIRE(services.value()->profile().setMunicipality(QStringLiteral("3106200")).ok());
        REQUIRE(services.value()->reports().createReport(QStringLiteral("ses_mg_mobilizacao"), {2026, 10}).ok());
    }
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--demo-data"),
                                 QStringLiteral("--status")});
    CHECK(r.code != 0);
    CHECK_FALSE(r.err.isEmpty());
}

TEST_CASE("startup: --screenshot renders every page at 1366x768, the laptops of the secretariats")
{
    test::TempDir dir;
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    QSet<QByteArray> seen;
    for (const QString &page : {QStringLiteral("reports"), QStringLiteral("partners"), QStringLiteral("sync"),
                               QStringLiteral("panel"), QStringLiteral("settings")}) {
        INFO(page.toStdString());
        const QString file = dir.filePath(page + QStringLiteral(".png"));
        const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--screenshot"),
                                     file, QStringLiteral("--page"), page});
        REQUIRE(r.code == 0);
        const QImage image(file);
        REQUIRE_FALSE(image.isNull());
        CHECK(image.width() == 1366);
        CHECK(image.height() == 768);
        CHECK(sampledColours(image) >= 6); // something is drawn, not a blank window
        // Each page shows its own content: no two screenshots are the same picture.
        const QByteArray hash = QCryptographicHash::hash(
            QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()),
            QCryptographicHash::Sha256);
        CHECK_FALSE(seen.contains(hash));
        seen.insert(hash);
    }
}

TEST_CASE("startup: a screenshot into a missing folder fails with a message")
{
    test::TempDir dir;
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    const auto r = test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--screenshot"),
                                 dir.filePath(QStringLiteral("no/such/folder/x.png"))});
    CHECK(r.code != 0);
    CHECK_FALSE(r.err.isEmpty());
}
