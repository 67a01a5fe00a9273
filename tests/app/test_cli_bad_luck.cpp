// Bad luck through the real start-up path (issue 7): a damaged database is a
// message and a non-zero exit, never "no reports"; opening a profile tidies
// the photo files nothing references and a crashed writer's `.part` files.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/application.h"
#include "app/ui/pages/panel_page.h"
#include "app/ui/pages/reports_page.h"
#include "app/ui/pages/sync_page.h"
#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/services/blob_collector.h"
#include "core/services/services.h"
#include "tests/app/cli_run.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTimeZone>

using namespace mobiliza;

namespace {

const QDateTime kNow = test::kCliNow;

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace

TEST_CASE("cli bad luck: --status on a damaged database says so and exits non-zero")
{
    test::TempDir dir;
    const QString profile = dir.filePath(QStringLiteral("p"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    int page = 0;
    {
        core::FixedClock clock(kNow);
        auto opened = core::Services::open(profile, clock);
        REQUIRE(opened.ok());
        REQUIRE(opened.value()->reports().createReport(QStringLiteral("ses_mg_mobilizacao"), {2026, 10}).ok());
        QSqlQuery q(opened.value()->database().db());
        REQUIRE(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'reports'")));
        REQUIRE(q.next());
        page = q.value(0).toInt();
        q.finish();
        REQUIRE(opened.value()->database().checkpoint().ok());
    }
    const test::CliRun before =
        test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--status")});
    REQUIRE(before.code == 0);
    REQUIRE(before.out.startsWith(QStringLiteral("2026-10\tdraft\t1")));

    {
        QFile f(QDir(profile).filePath(QStringLiteral("mobiliza.sqlite")));
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.seek(qint64(page - 1) * 4096));
        REQUIRE(f.write(QByteArray(4096, '\x5A')) == 4096);
    }
    const test::CliRun damaged =
        test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--lang"), QStringLiteral("en"),
                      QStringLiteral("--status")});
    CHECK(damaged.code != 0);
    CHECK(damaged.out.isEmpty()); // no lines: not "no reports", an error
    CHECK(damaged.err.contains(QStringLiteral("The reports could not be read")));
    CHECK(damaged.err.contains(QStringLiteral("damaged")));
    const test::CliRun portuguese =
        test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--lang"),
                      QStringLiteral("pt_BR"), QStringLiteral("--status")});
    CHECK(portuguese.code != 0);
    CHECK(portuguese.err.contains(QStringLiteral("danificad")));
}

TEST_CASE("cli bad luck: --status on a database another program holds locked says so and exits non-zero")
{
    test::TempDir dir;
    const QString profile = dir.filePath(QStringLiteral("p"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    const QString name = QStringLiteral("locker");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(profile).filePath(QStringLiteral("mobiliza.sqlite")));
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const char *sql : {"PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "UPDATE settings SET value = value",
                                "COMMIT"}) {
            INFO(sql);
            REQUIRE(q.exec(QString::fromLatin1(sql)));
        }
        const test::CliRun locked =
            test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--lang"),
                          QStringLiteral("en"), QStringLiteral("--status")});
        CHECK(locked.code != 0);
        CHECK(locked.out.isEmpty());
        CHECK(locked.err.contains(QStringLiteral("in use by another")));
        CHECK_FALSE(locked.err.contains(QStringLiteral("backup")));
        CHECK_FALSE(locked.err.contains(QStringLiteral("damaged")));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    CHECK(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--status")}).code == 0);
}

TEST_CASE("cli bad luck: opening a profile deletes unreferenced photo files past the grace period and stale "
          ".part files")
{
    test::TempDir dir;
    const QString profile = dir.filePath(QStringLiteral("p"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    const QString blobs = QDir(profile).filePath(QStringLiteral("blobs"));
    const QByteArray orphanBytes("a photo whose row was removed long ago");
    const QByteArray freshBytes("a photo just written by an import still running");
    const QString orphan = QString::fromLatin1(QCryptographicHash::hash(orphanBytes, QCryptographicHash::Sha256).toHex());
    const QString fresh = QString::fromLatin1(QCryptographicHash::hash(freshBytes, QCryptographicHash::Sha256).toHex());
    const QString orphanPath = blobs + QLatin1Char('/') + orphan.left(2) + QLatin1Char('/') + orphan;
    const QString freshPath = blobs + QLatin1Char('/') + fresh.left(2) + QLatin1Char('/') + fresh;
    writeFile(orphanPath, orphanBytes);
    writeFile(freshPath, freshBytes);
    // Seen unreferenced two days ago by an earlier start.
    writeFile(core::BlobCollector::ledgerPath(core::BlobStore(blobs)),
              QJsonDocument(QJsonObject{{orphan, kNow.addDays(-2).toString(Qt::ISODateWithMs)}}).toJson());
    const QString stalePart = blobs + QStringLiteral("/") + orphan.left(2) + QStringLiteral("/.") + orphan +
                              QStringLiteral(".0123.part");
    const QString livePart = blobs + QStringLiteral("/aa/.aa11.4567.part");
    writeFile(stalePart, QByteArray(3000, 'p'));
    writeFile(livePart, QByteArray(30, 'q'));
    {
        QFile f(stalePart);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-6 * 3600), QFileDevice::FileModificationTime));
    }

    const test::CliRun status =
        test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--status")});
    CHECK(status.code == 0);
    CHECK_FALSE(QFile::exists(orphanPath));
    CHECK_FALSE(QFile::exists(stalePart));
    CHECK(QFile::exists(livePart));  // may be a live writer's
    CHECK(QFile::exists(freshPath)); // first seen now: kept for the grace period

    core::FixedClock clock(kNow);
    auto opened = core::Services::open(profile, clock);
    REQUIRE(opened.ok());
    const auto rows = opened.value()->audit().entries(QStringLiteral("blobs"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].action == QStringLiteral("collect"));
    CHECK(rows[0].detail.value(QStringLiteral("deleted")).toInt() == 1);
    CHECK(rows[0].detail.value(QStringLiteral("staleParts")).toInt() == 1);
}

TEST_CASE("bad luck on screen: Relatórios, Painel and Sincronização show a damaged database, not an empty list")
{
    test::TempDir dir;
    core::FixedClock clock(kNow);
    int reportsPage = 0, outboxPage = 0;
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        REQUIRE(opened.value()->profile().setMunicipality(QStringLiteral("3106200")).ok());
        REQUIRE(opened.value()->reports().createReport(QStringLiteral("ses_mg_mobilizacao"), {2026, 10}).ok());
        QSqlQuery q(opened.value()->database().db());
        REQUIRE(q.exec(QStringLiteral("SELECT name, rootpage FROM sqlite_schema WHERE name IN ('reports', 'outbox')")));
        while (q.next())
            (q.value(0).toString() == QLatin1String("reports") ? reportsPage : outboxPage) = q.value(1).toInt();
        q.finish();
        REQUIRE(opened.value()->database().checkpoint().ok());
    }
    REQUIRE(reportsPage > 1);
    REQUIRE(outboxPage > 1);
    {
        QFile f(QDir(dir.path()).filePath(QStringLiteral("mobiliza.sqlite")));
        REQUIRE(f.open(QIODevice::ReadWrite));
        for (int page : {reportsPage, outboxPage}) {
            REQUIRE(f.seek(qint64(page - 1) * 4096));
            REQUIRE(f.write(QByteArray(4096, '\x5A')) == 4096);
        }
    }
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(), core::ProgramDefinition::sesMgMobilizacao(),
                           opened.value().get(), &clock};

    // The SQLite detail ("malformed") is in every language: the error is what is on screen.
    auto showsError = [](QWidget &page) {
        page.resize(1000, 700);
        page.show();
        for (const QLabel *label : page.findChildren<QLabel *>())
            if (label->isVisibleTo(&page) && label->text().contains(QStringLiteral("malformed")))
                return true;
        return false;
    };
    test::FakeDialogs dialogs;
    ui::ReportsPage reports(context, dialogs);
    CHECK(showsError(reports));
    // The Painel computes on a worker: the error comes with its answer.
    ui::PanelPage panel(context, dialogs);
    QSignalSpy failed(&panel, &ui::PanelPage::computeFailed);
    panel.resize(1000, 700);
    panel.show();
    REQUIRE((!failed.isEmpty() || failed.wait(20000)));
    CHECK(showsError(panel));
    CHECK(panel.errorLabel()->isVisibleTo(&panel));
    ui::SyncPage sync(context);
    CHECK(showsError(sync));
    CHECK(sync.summary()->text().contains(QStringLiteral("malformed")));
}
