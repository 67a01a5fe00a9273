// `mobiliza --sync` run as a process against a fake hub on 127.0.0.1: what it says
// when the reports could not all go (the window's page: test_sync_page.cpp).
#include "tests/sync/fake_hub.h"

#include "tests/app/cli_run.h"
#include "tests/support/temp_dir.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

using namespace mobiliza;
using test::FakeHub;

namespace {

// A profile with the demonstration's 12 concluded months, enrolled with `hub` (real CLI runs).
QString enrolledDemoProfile(const FakeHub &hub, const test::TempDir &dir)
{
    const QString profile = dir.filePath(QStringLiteral("perfil"));
    REQUIRE(test::runCli({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--data-dir"),
                          profile, QStringLiteral("--municipality"), hub.municipality,
                          QStringLiteral("--demo-data"), QStringLiteral("--status")})
                .code == 0);
    const test::CliRun enrolled =
        test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--hub"), hub.url(),
                      QStringLiteral("--enroll"), QStringLiteral("GOOD-CODE")});
    INFO(enrolled.err.toStdString());
    REQUIRE(enrolled.code == 0);
    // Without a password vault (as in CI) the key went to the profile's file, and the command says so.
    const bool inFile = QFileInfo::exists(QDir(profile).filePath(QStringLiteral("hub-token")));
    CHECK(enrolled.out.contains(QStringLiteral("hub-token")) == inFile);
    return profile;
}

// `mobiliza --sync` of a demo profile whose every photo upload gets `answer` from the hub.
test::CliRun syncAnsweringEveryPhoto(const test::CannedResponse &answer)
{
    FakeHub hub;
    hub.fault = [answer](const test::SeenRequest &r) -> std::optional<test::CannedResponse> {
        if (r.method == "PUT" && r.path.startsWith("/api/v1/blobs/"))
            return answer;
        return std::nullopt;
    };
    test::TempDir dir;
    const QString profile = enrolledDemoProfile(hub, dir);
    return test::runCli({QStringLiteral("--data-dir"), profile, QStringLiteral("--sync")});
}

} // namespace

TEST_CASE("command line: --sync that the hub asked to wait says when the next attempt is")
{
    // The hub (or nginx in front of it) answers every photo with 429 and a wait of
    // ten minutes: the pass ends with the reports queued, and says until when.
    const test::CliRun pass = syncAnsweringEveryPhoto(test::rateLimited(600));
    INFO(pass.out.toStdString() << pass.err.toStdString());
    CHECK(pass.code == 1);
    const QString when =
        QLocale().toString(test::kCliNow.addSecs(600).toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm:ss"));
    CHECK(pass.out.contains(QStringLiteral("The hub asked to wait: the next attempt is at %1").arg(when)));
    CHECK(pass.out.contains(QStringLiteral("Still to send: 12")));
}

TEST_CASE("command line: --sync that could not send says when Mobiliza tries again by itself")
{
    // Every photo upload is cut before anything is stored: the pass fails, and the run
    // says when the next attempt is (after a failure on the link: 5 s), not only "still to send".
    const test::CliRun pass = syncAnsweringEveryPhoto(test::CannedResponse::close());
    INFO(pass.out.toStdString() << pass.err.toStdString());
    CHECK(pass.code == 1);
    CHECK_FALSE(pass.out.contains(QStringLiteral("The hub asked to wait")));
    static const QRegularExpression said(QStringLiteral(
        "Mobiliza, when open, tries again by itself at (\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d); "
        "or run --sync again at any time."));
    const QRegularExpressionMatch m = said.match(pass.out);
    REQUIRE(m.hasMatch());
    const QDateTime at = QLocale().toDateTime(m.captured(1), QStringLiteral("dd/MM/yyyy HH:mm:ss"));
    REQUIRE(at.isValid());
    const qint64 wait = test::kCliNow.secsTo(at.toUTC());
    CHECK(wait == 5); // a pass that failed on the link: the window probes again 5 s later
}
