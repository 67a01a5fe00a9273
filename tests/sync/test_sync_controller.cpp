// The SyncController against a fake hub: enrollment, passes it runs by itself or
// when asked, and the file token store (passes themselves: test_sync_engine.cpp).
#include "tests/sync/fake_hub.h"

#include "core/services/audit.h"
#include "sync/client/sync_controller.h"
#include "sync/client/sync_engine.h"
#include "sync/client/token_store.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>

using namespace mobiliza;
using core::OutboxState;
using core::ReportState;
using test::CannedResponse;
using test::FakeHub;
using test::SeenRequest;
using test::SyncProfile;

namespace {

struct Controller
{
    SyncProfile &profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens;
    sync::SyncController controller;

    static sync::SyncOptions options()
    {
        sync::SyncOptions o;
        o.watchConnectivity = false;
        o.timeouts = {3000, 2000};
        o.random01 = [] { return 0.5; };
        o.installationLabel = QStringLiteral("teste");
        return o;
    }

    explicit Controller(SyncProfile &p)
        : profile(p), tokens(p.dir.filePath(sync::FileTokenStore::defaultFileName())),
          controller(*p.services, &network, tokens, options())
    {
    }
};

} // namespace

TEST_CASE("controller: enrollment stores the hub in the profile and the token only in the token store")
{
    SyncProfile p;
    FakeHub hub;
    Controller c(p);
    CHECK_FALSE(c.controller.isEnrolled());
    CHECK(c.controller.state() == sync::SyncState::NotEnrolled);

    auto bad = c.controller.enrollBlocking(hub.url(), QStringLiteral("WRONG"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("enrollment code")));
    CHECK_FALSE(c.controller.isEnrolled());

    auto badUrl = c.controller.enrollBlocking(QStringLiteral("ftp://x"), QStringLiteral("GOOD-CODE"));
    REQUIRE_FALSE(badUrl.ok());

    auto good = c.controller.enrollBlocking(hub.url(), QStringLiteral("good-code"));
    REQUIRE(good.ok());
    CHECK(good->hub.name == QStringLiteral("URS Belo Horizonte"));
    CHECK(c.controller.isEnrolled());
    CHECK(c.controller.enrollment()->url == QUrl(hub.url()));
    CHECK(c.controller.tokenInFallbackStorage());

    QFile file(c.tokens.path());
    REQUIRE(file.exists());
    CHECK(file.permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                                 QFileDevice::WriteUser));
    // The token is in no setting and no audit row.
    for (const auto &e : p.services->audit().entries())
        CHECK_FALSE(QJsonDocument(e.detail).toJson().contains(hub.token.toUtf8()));
    CHECK_FALSE(p.services->profile().setting(QStringLiteral("sync.hub")).contains(hub.token));
    QFile db(p.services->database().filePath());
    REQUIRE(db.open(QIODevice::ReadOnly));
    CHECK_FALSE(db.readAll().contains(hub.token.toUtf8()));
}

TEST_CASE("controller: a code for another municipality is refused")
{
    SyncProfile p;
    FakeHub hub;
    hub.municipality = QStringLiteral("3170206");
    Controller c(p);
    auto r = c.controller.enrollBlocking(hub.url(), QStringLiteral("GOOD-CODE"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == QStringLiteral("enroll_failed"));
    CHECK(r.error().message.contains(QStringLiteral("3170206")));
    CHECK_FALSE(c.controller.isEnrolled());
}

TEST_CASE("controller: runPassBlocking reports what --sync needs, a revoked token says enroll again")
{
    SyncProfile p;
    FakeHub hub;
    p.concludedReport({2026, 10}, 2);
    Controller c(p);

    const sync::PassReport notEnrolled = c.controller.runPassBlocking(5000);
    CHECK_FALSE(notEnrolled.enrolled);
    CHECK_FALSE(notEnrolled.allConfirmed);
    CHECK(notEnrolled.remaining == 1);

    REQUIRE(c.controller.enrollBlocking(hub.url(), QStringLiteral("GOOD-CODE")).ok());
    QSignalSpy states(&c.controller, &sync::SyncController::stateChanged);
    const sync::PassReport ok = c.controller.runPassBlocking(20'000);
    CHECK(ok.sent == 1);
    CHECK(ok.allConfirmed);
    CHECK(c.controller.state() == sync::SyncState::Idle);
    CHECK(states.count() >= 2); // checking → sending → idle
    CHECK(c.controller.lastContact().isValid());

    hub.token = QStringLiteral("tok_revoked_and_replaced_by_another_one");
    p.concludedReport({2026, 9}, 0);
    const sync::PassReport revoked = c.controller.runPassBlocking(20'000);
    CHECK_FALSE(revoked.online);
    CHECK_FALSE(revoked.allConfirmed);
    CHECK(revoked.remaining == 1);
    CHECK(c.controller.state() == sync::SyncState::Error);
    CHECK(c.controller.lastErrorMessage().contains(QStringLiteral("enrollment code")));
}

TEST_CASE("controller: Sincronizar agora sends a report that is backing off, at once, and the scheduled pass "
          "waits for its time")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 1);
    Controller c(p);
    REQUIRE(c.controller.enrollBlocking(hub.url(), QStringLiteral("GOOD-CODE")).ok());
    // The hub fails in the middle of the push (500: the hub, not the link): the revision
    // goes back to the queue with a 30 s backoff.
    bool down = true;
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (down && r.method == "PUT" && r.path.startsWith("/api/v1/blobs/"))
            return CannedResponse::http(500, "{}");
        return std::nullopt;
    };
    const sync::PassReport cut = c.controller.runPassBlocking(20'000);
    CHECK(cut.sent == 0);
    CHECK(cut.remaining == 1);
    REQUIRE(p.itemOf(report).state == OutboxState::Queued);
    REQUIRE(p.clock.now().secsTo(p.itemOf(report).nextAttemptAt) == 30);

    // Back up. A scheduled pass (nobody asked) leaves it to its time…
    down = false;
    QNetworkAccessManager network;
    sync::HubClient client{&network};
    client.setBaseUrl(QUrl(hub.url()));
    client.setToken(hub.token);
    {
        sync::SyncEngine scheduled(*p.services, *p.outbox, client);
        std::optional<sync::PassReport> done;
        QObject::connect(&scheduled, &sync::SyncEngine::finished,
                         [&](const sync::PassReport &r) { done = r; });
        REQUIRE(scheduled.start(sync::SyncEngine::Pass::Scheduled));
        REQUIRE(test::waitFor([&] { return done.has_value(); }, 20'000));
        CHECK(done->sent == 0);
        CHECK(p.itemOf(report).state == OutboxState::Queued);
    }
    // …the person's "Sincronizar agora" (and --sync) sends it now, the clock unmoved.
    const sync::PassReport asked = c.controller.runPassBlocking(20'000);
    CHECK(asked.sent == 1);
    CHECK(asked.remaining == 0);
    CHECK(asked.allConfirmed);
    CHECK(p.itemOf(report).state == OutboxState::Received);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK(hub.revisions.size() == 1);
}

TEST_CASE("controller: a concluded report starts a pass by itself once started")
{
    SyncProfile p;
    FakeHub hub;
    Controller c(p);
    REQUIRE(c.controller.enrollBlocking(hub.url(), QStringLiteral("GOOD-CODE")).ok());
    QSignalSpy finished(&c.controller, &sync::SyncController::passFinished);
    c.controller.start();
    REQUIRE(test::waitFor([&] { return finished.count() >= 1; }, 10'000)); // the start-up pass
    const QString report = p.concludedReport({2026, 10}, 1);
    REQUIRE(test::waitFor([&] { return p.stateOf(report) == ReportState::Received; }, 10'000));
}

TEST_CASE("file token store: owner-only file, replaced atomically, cleared")
{
    test::TempDir dir;
    sync::FileTokenStore store(dir.filePath(QStringLiteral("hub-token")));
    CHECK(store.read().value().isEmpty());
    REQUIRE(store.write(QStringLiteral("first-token-value")).ok());
    REQUIRE(store.write(QStringLiteral("second-token-value")).ok());
    CHECK(store.read().value() == QStringLiteral("second-token-value"));
    CHECK((QFile::permissions(store.path()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);
    CHECK_FALSE(QFile::exists(store.path() + QStringLiteral(".tmp")));
    REQUIRE(store.clear().ok());
    CHECK_FALSE(QFile::exists(store.path()));
    CHECK(store.usingFallback());
}
