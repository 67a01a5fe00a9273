// --export and --import-package through the real start-up path, on demo profiles.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/application.h"
#include "core/domain/clock.h"
#include "core/services/services.h"
#include "tests/app/cli_run.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QProcess>
#include <QTimeZone>

using namespace mobiliza;

namespace {

QByteArray head(const QString &file, int n)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.read(n) : QByteArray();
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

TEST_CASE("cli exports: pdf, csv, xlsx, package and partners of a demo profile")
{
    test::TempDir dir;
    const QString profile = dir.filePath(QStringLiteral("p"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);

    struct Case
    {
        const char *kind;
        const char *file;
        QByteArray magic;
    };
    const Case cases[] = {{"pdf", "r.pdf", "%PDF"},
                          {"csv", "r.csv", "\xEF\xBB\xBF"},
                          {"xlsx", "r.xlsx", "PK"},
                          {"package", "r.mobiliza", "PK"},
                          {"partners-csv", "p.csv", "\xEF\xBB\xBF"},
                          {"partners-xlsx", "p.xlsx", "PK"}};
    for (const auto &c : cases) {
        INFO(c.kind);
        const QString out = dir.filePath(QString::fromLatin1(c.file));
        QStringList args{QStringLiteral("--data-dir"), profile, QStringLiteral("--export"),
                         QString::fromLatin1(c.kind), QStringLiteral("--out"), out};
        if (!QByteArray(c.kind).startsWith("partners"))
            args << QStringLiteral("--month") << QStringLiteral("2026-10");
        const auto r = test::runCli(args);
        CHECK(r.err == QString());
        REQUIRE(r.code == 0);
        CHECK(head(out, c.magic.size()) == c.magic);
    }
    // LGPD: the default partners export carries no contact and no document of
    // any partner, in any of the forms a phone can be written, in the CSV or in
    // any part of the XLSX — and it does carry every partner's name.
    const QByteArray csv = readAll(dir.filePath(QStringLiteral("p.csv")));
    QProcess unzip;
    unzip.start(QStringLiteral("unzip"), {QStringLiteral("-p"), dir.filePath(QStringLiteral("p.xlsx"))});
    REQUIRE(unzip.waitForFinished(30000));
    REQUIRE(unzip.exitCode() == 0);
    const QByteArray xlsx = unzip.readAllStandardOutput();
    const core::SystemClock clock;
    auto opened = core::Services::open(profile, clock);
    REQUIRE(opened.ok());
    const QList<core::Partner> partners = opened.value()->partners().partners();
    REQUIRE(partners.size() >= 5);
    int withPhone = 0, withEmail = 0;
    for (const core::Partner &p : partners) {
        INFO(p.name.toStdString());
        CHECK(csv.contains(p.name.toUtf8()));
        CHECK(xlsx.contains(p.name.toUtf8().replace("&", "&amp;")));
        QList<QByteArray> secrets;
        for (const QString &e164 : p.phones) {
            ++withPhone;
            const QString national = e164.mid(3); // +55 DD NNNNNNNNN
            const QString number = national.mid(2);
            secrets << e164.toUtf8() << national.toUtf8() << number.toUtf8()
                    << (number.left(number.size() - 4) + QLatin1Char('-') + number.right(4)).toUtf8();
        }
        if (!p.email.isEmpty()) {
            ++withEmail;
            secrets << p.email.toUtf8();
        }
        if (!p.document.isEmpty())
            secrets << p.document.toUtf8();
        for (const QByteArray &secret : secrets) {
            INFO(secret.toStdString());
            CHECK_FALSE(csv.contains(secret));
            CHECK_FALSE(xlsx.contains(secret));
        }
    }
    // The check means something only if the demo partners have contacts.
    CHECK(withPhone > 0);
    CHECK(withEmail > 0);
}

TEST_CASE("cli exports: a draft cannot be packaged and a missing month is named")
{
    test::TempDir dir;
    const QString profile = dir.filePath(QStringLiteral("p"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);
    auto r = test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--export"),
                           QStringLiteral("package"), QStringLiteral("--month"), QStringLiteral("2026-11"),
                           QStringLiteral("--out"), dir.filePath(QStringLiteral("d.mobiliza"))});
    CHECK(r.code != 0);
    CHECK_FALSE(r.err.isEmpty());
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("d.mobiliza"))));

    r = test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--export"),
                      QStringLiteral("pdf"), QStringLiteral("--month"), QStringLiteral("2019-01"),
                      QStringLiteral("--out"), dir.filePath(QStringLiteral("x.pdf"))});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QStringLiteral("01/2019")));
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("x.pdf"))));
}

TEST_CASE("cli import: a package moves a concluded month to another installation once")
{
    test::TempDir dir;
    const QString field = dir.filePath(QStringLiteral("laptop"));
    const QString office = dir.filePath(QStringLiteral("office"));
    const QString pkg = dir.filePath(QStringLiteral("2026-10.mobiliza"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), field, QStringLiteral("--demo-data"),
                          QStringLiteral("--status")})
                .code == 0);
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), field, QStringLiteral("--export"),
                          QStringLiteral("package"), QStringLiteral("--month"), QStringLiteral("2026-10"),
                          QStringLiteral("--out"), pkg})
                .code == 0);

    // The office PC reports for the same municipality (the demo default, Belo Horizonte).
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    auto r = test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--import-package"), pkg});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QStringLiteral("10/2026")));
    r = test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--status")});
    CHECK(r.out == QStringLiteral("2026-10\tready\t1\n"));

    const auto again =
        test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--import-package"), pkg});
    CHECK(again.code == 0);
    CHECK(again.out != r.out);
    CHECK(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--status")}).out ==
          QStringLiteral("2026-10\tready\t1\n"));
}

TEST_CASE("cli import: a broken package file is refused and changes nothing")
{
    test::TempDir dir;
    const QString office = dir.filePath(QStringLiteral("office"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--municipality"),
                          QStringLiteral("3106200"), QStringLiteral("--status")})
                .code == 0);
    const QString junk = dir.filePath(QStringLiteral("junk.mobiliza"));
    {
        QFile f(junk);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("PK\x03\x04 this is not really a zip file");
    }
    const auto r =
        test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--import-package"), junk});
    CHECK(r.code != 0);
    CHECK_FALSE(r.err.trimmed().isEmpty());
    CHECK(test::runCli({QStringLiteral("--data-dir"), office, QStringLiteral("--status")}).out.isEmpty());
}
