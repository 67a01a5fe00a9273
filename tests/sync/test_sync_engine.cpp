// Passes (SyncEngine) against a fake hub: what is sent, what is never counted as
// sent, what is set aside, what resumes (the controller: test_sync_controller.cpp).
#include "tests/sync/fake_hub.h"

#include "sync/client/sync_controller.h"
#include "sync/client/sync_engine.h"
#include "sync/client/token_store.h"

#include <QNetworkAccessManager>

using namespace mobiliza;
using core::OutboxState;
using core::ReportState;
using test::CannedResponse;
using test::FakeHub;
using test::SeenRequest;
using test::SyncProfile;

namespace {

struct Pass
{
    SyncProfile &profile;
    QNetworkAccessManager network;
    sync::HubClient client{&network};
    sync::SyncEngine engine;

    Pass(SyncProfile &p, const FakeHub &hub) : profile(p), engine(*p.services, *p.outbox, client)
    {
        client.setBaseUrl(QUrl(hub.url()));
        client.setToken(hub.token);
        client.setTimeouts({3000, 2000});
    }

    sync::PassReport run()
    {
        std::optional<sync::PassReport> report;
        auto c = QObject::connect(&engine, &sync::SyncEngine::finished,
                                  [&](const sync::PassReport &r) { report = r; });
        REQUIRE(engine.start());
        CHECK_FALSE(engine.start()); // one pass at a time
        REQUIRE(test::waitFor([&] { return report.has_value(); }, 20'000));
        QObject::disconnect(c);
        return *report;
    }
};

} // namespace

TEST_CASE("pass: concluded reports reach the hub once, with every photo, and a second pass re-sends nothing")
{
    SyncProfile p;
    FakeHub hub;
    const QString october = p.concludedReport({2026, 10}, 3);
    const QString september = p.concludedReport({2026, 9}, 2);
    Pass pass(p, hub);

    QList<qint64> progress;
    QObject::connect(&pass.engine, &sync::SyncEngine::itemProgress,
                     [&](const QString &, qint64 sent, qint64) { progress << sent; });
    const sync::PassReport first = pass.run();
    CHECK(first.online);
    CHECK(first.sent == 2);
    CHECK(first.failed == 0);
    CHECK(first.remaining == 0);
    CHECK(first.statusPulled);
    CHECK(first.allConfirmed);
    CHECK(hub.blobs.size() == 5);
    CHECK(hub.revisions.size() == 2);
    CHECK(hub.count("PUT", "/api/v1/blobs/") == 5);
    CHECK_FALSE(progress.isEmpty());

    for (const QString &r : {october, september}) {
        CHECK(p.stateOf(r) == ReportState::Received);
        const core::OutboxItem item = p.itemOf(r);
        CHECK(item.state == OutboxState::Received);
        CHECK(item.receipt.hubId.startsWith(QStringLiteral("r-")));
        CHECK(item.receipt.manifestSha256 == item.manifestSha256);
    }
    CHECK(p.outbox->lastContact() == p.clock.now());

    const int before = int(hub.server.requests().size());
    const sync::PassReport second = pass.run();
    CHECK(second.sent == 0);
    CHECK(second.allConfirmed);
    QList<QByteArray> paths;
    for (int i = before; i < hub.server.requests().size(); ++i)
        paths << hub.server.requests().at(i).path;
    // Only the pre-flight and the status feed: no blob, no manifest again.
    REQUIRE(paths.size() == 2);
    CHECK(paths.at(0) == "/api/v1/preflight");
    CHECK(paths.at(1).startsWith("/api/v1/status"));
}

TEST_CASE("pass: a captive portal answering 200 to everything is never counted as sent")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 1);
    hub.fault = [](const SeenRequest &) {
        return CannedResponse::http(200, "<html>Bem-vindo ao Wi-Fi da Prefeitura</html>", "text/html");
    };
    Pass pass(p, hub);
    const sync::PassReport r = pass.run();
    CHECK_FALSE(r.online);
    CHECK(r.sent == 0);
    CHECK_FALSE(r.allConfirmed);
    REQUIRE(r.error.has_value());
    CHECK(r.error->kind == sync::HubError::Kind::NotHub);
    CHECK(hub.server.requests().size() == 1); // only the pre-flight
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.itemOf(report).attempts == 0);
    CHECK(p.stateOf(report) == ReportState::Ready);
    CHECK_FALSE(p.outbox->lastContact().isValid());
}

TEST_CASE("pass: a rejected report is set aside with the findings and the next one is still sent")
{
    SyncProfile p;
    FakeHub hub;
    const QString october = p.concludedReport({2026, 10}, 1);
    const QString september = p.concludedReport({2026, 9}, 1);
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (r.method == "PUT" && r.path.contains(october.toUtf8())) {
            sync::ErrorBody e;
            e.code = QStringLiteral("validation_failed");
            e.message = QStringLiteral("Relatório recusado.");
            e.findings << core::Finding{QStringLiteral("actions[0].fields.audience"), core::Severity::Error,
                                        QStringLiteral("required"), QStringLiteral("Informe o público.")};
            return CannedResponse::http(422, sync::encode(e));
        }
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport r = pass.run();
    CHECK(r.online);
    CHECK(r.rejected == 1);
    CHECK(r.sent == 1);
    CHECK(r.remaining == 1);
    CHECK_FALSE(r.allConfirmed);
    const core::OutboxItem rejected = p.itemOf(october);
    CHECK(rejected.state == OutboxState::Rejected);
    REQUIRE(rejected.lastError.findings.size() == 1);
    CHECK(rejected.lastError.findings.first().message == QStringLiteral("Informe o público."));
    CHECK(p.stateOf(october) == ReportState::Ready);
    CHECK(p.stateOf(september) == ReportState::Received);

    // A later pass does not try the rejected one again by itself.
    const int puts = hub.count("PUT", "/api/v1/reports/");
    pass.run();
    CHECK(hub.count("PUT", "/api/v1/reports/") == puts);
}

TEST_CASE("pass: a cut in the middle costs at most the photo in flight, then resumes")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 4, 20'000);
    // From the third photo on, every upload is cut (QNAM itself re-sends an
    // idempotent PUT once on a dropped connection: that is cut too).
    bool cutting = true;
    int cutPuts = 0;
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (cutting && r.method == "PUT" && r.path.startsWith("/api/v1/blobs/") && hub.blobs.size() >= 2) {
            ++cutPuts;
            return CannedResponse::close();
        }
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport first = pass.run();
    CHECK(first.online);
    CHECK(first.sent == 0);
    CHECK(first.failed == 1);
    REQUIRE(first.error.has_value());
    CHECK(first.error->kind == sync::HubError::Kind::Unreachable);
    CHECK(hub.blobs.size() == 2);
    CHECK(cutPuts >= 1);
    const core::OutboxItem failed = p.itemOf(report);
    CHECK(failed.state == OutboxState::Queued);
    CHECK(failed.attempts == 1);
    CHECK(p.clock.now().secsTo(failed.nextAttemptAt) == 30);
    CHECK(p.stateOf(report) == ReportState::Ready);

    // Backing off for 30 s, but it failed on the link: the next pass whose pre-flight
    // answers (the link is back) sends it at once.
    cutting = false;
    const int putsBefore = hub.count("PUT", "/api/v1/blobs/");
    const sync::PassReport second = pass.run();
    CHECK(second.sent == 1);
    // Only the two photos the hub lacked (the cut one included); none of the first two again.
    CHECK(hub.count("PUT", "/api/v1/blobs/") == putsBefore + 2);
    CHECK(hub.blobs.size() == 4);
    CHECK(hub.revisions.size() == 1);
    CHECK(p.stateOf(report) == ReportState::Received);
}

TEST_CASE("pass: a report the hub itself failed (5xx) waits for its backoff, even when the hub answers")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 1);
    bool failing = true;
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (failing && r.method == "PUT" && r.path.startsWith("/api/v1/reports/"))
            return CannedResponse::http(500, "{}");
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport first = pass.run();
    CHECK(first.failed == 1);
    CHECK(p.itemOf(report).lastError.code == QStringLiteral("server_error"));
    failing = false;
    const int puts = hub.count("PUT", "/api/v1/reports/");
    const sync::PassReport early = pass.run();
    CHECK(early.online);
    CHECK(early.sent == 0);
    CHECK(hub.count("PUT", "/api/v1/reports/") == puts);
    p.clock.advanceSecs(31);
    CHECK(pass.run().sent == 1);
    CHECK(p.stateOf(report) == ReportState::Received);
}

TEST_CASE("pass: a link that cuts after progress: the same pass goes on with a new connection")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 4, 20'000);
    // The upload of the 2nd and of the 4th photo is cut (twice: QNAM re-sends an
    // idempotent PUT once on a dropped connection); each time the hub had just stored more.
    QMap<int, int> cuts;
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        const int stored = int(hub.blobs.size());
        if (r.method == "PUT" && r.path.startsWith("/api/v1/blobs/") && (stored == 1 || stored == 3) &&
            cuts[stored] < 2) {
            ++cuts[stored];
            return CannedResponse::close();
        }
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport r = pass.run();
    CHECK_FALSE(r.error.has_value());
    CHECK(r.sent == 1);
    CHECK(r.failed == 0);
    CHECK(r.resumed == 2);
    CHECK(r.allConfirmed);
    CHECK(cuts.value(1) == 2);
    CHECK(cuts.value(3) == 2);
    // Each photo stored once, the report once.
    CHECK(hub.blobs.size() == 4);
    CHECK(hub.revisions.size() == 1);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK(p.itemOf(report).state == OutboxState::Received);

    SECTION("a cut before anything new was stored is a failure: backoff, not a loop")
    {
        SyncProfile q;
        const QString other = q.concludedReport({2026, 9}, 2, 20'000);
        int refused = 0;
        hub.fault = [&](const SeenRequest &seen) -> std::optional<CannedResponse> {
            if (seen.method == "PUT" && seen.path.startsWith("/api/v1/blobs/")) {
                ++refused;
                return CannedResponse::close();
            }
            return std::nullopt;
        };
        Pass again(q, hub);
        const sync::PassReport failed = again.run();
        CHECK(failed.resumed == 0);
        CHECK(failed.failed == 1);
        CHECK(refused >= 1);
        CHECK(q.itemOf(other).attempts == 1);
        CHECK(q.clock.now().secsTo(q.itemOf(other).nextAttemptAt) == 30);
    }
}

TEST_CASE("pass: stopped in the middle of a photo, the report goes back to the queue at once")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 2);
    hub.fault = [](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (r.method == "PUT" && r.path.startsWith("/api/v1/blobs/"))
            return CannedResponse::hang();
        return std::nullopt;
    };
    Pass pass(p, hub);
    std::optional<sync::PassReport> report1;
    QObject::connect(&pass.engine, &sync::SyncEngine::finished, [&](const sync::PassReport &r) { report1 = r; });
    REQUIRE(pass.engine.start());
    REQUIRE(test::waitFor([&] { return hub.count("PUT", "/api/v1/blobs/") == 1; }));
    CHECK(p.itemOf(report).state == OutboxState::Sending);
    CHECK(p.stateOf(report) == ReportState::Sending);
    pass.engine.abort();
    REQUIRE(test::waitFor([&] { return report1.has_value(); }));
    CHECK_FALSE(pass.engine.isRunning());
    REQUIRE(report1->error.has_value());
    CHECK(report1->error->kind == sync::HubError::Kind::Aborted);
    CHECK(report1->sent == 0);
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.itemOf(report).lastError.code == QStringLiteral("aborted"));
    CHECK(p.stateOf(report) == ReportState::Ready);
}

TEST_CASE(
    "pass: a short wait the hub asks for (429 Retry-After) is waited within the pass, and the report lands")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 3);
    // nginx's limit per address (another installation behind the same address) answers
    // the second photo with 429 once.
    int refused = 0;
    hub.fault = [&](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (refused == 0 && r.method == "PUT" && r.path.startsWith("/api/v1/blobs/") &&
            hub.blobs.size() == 1) {
            ++refused;
            return test::rateLimited(1);
        }
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport r = pass.run();
    CHECK(refused == 1);
    CHECK(r.sent == 1);
    CHECK(r.failed == 0);
    CHECK(r.remaining == 0);
    CHECK(r.allConfirmed);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK(hub.blobs.size() == 3);
    CHECK(hub.count("PUT", "/api/v1/blobs/") == 4); // the refused photo once more, no other again

    // A long wait is not waited in the pass: the report waits in the queue, due then.
    SyncProfile q;
    FakeHub slow;
    const QString other = q.concludedReport({2026, 10}, 1);
    slow.fault = [](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (r.method == "PUT" && r.path.startsWith("/api/v1/blobs/"))
            return test::rateLimited(120);
        return std::nullopt;
    };
    Pass later(q, slow);
    const sync::PassReport l = later.run();
    CHECK(l.sent == 0);
    CHECK(l.remaining == 1);
    const core::OutboxItem waiting = q.itemOf(other);
    CHECK(waiting.state == OutboxState::Queued);
    CHECK(q.clock.now().secsTo(waiting.nextAttemptAt) == 120);
}

TEST_CASE("pass: a photo too large for the hub fails that report only, in words")
{
    SyncProfile p;
    FakeHub hub;
    const QString big = p.concludedReport({2026, 10}, 1);
    const QString small = p.concludedReport({2026, 9}, 0);
    hub.fault = [](const SeenRequest &r) -> std::optional<CannedResponse> {
        if (r.method == "PUT" && r.path.startsWith("/api/v1/blobs/"))
            return CannedResponse::http(413, "<html><h1>413 Request Entity Too Large</h1></html>",
                                        "text/html");
        return std::nullopt;
    };
    Pass pass(p, hub);
    const sync::PassReport r = pass.run();
    CHECK(r.failed == 1);
    CHECK(r.sent == 1);
    CHECK_FALSE(r.error.has_value());
    const core::OutboxItem item = p.itemOf(big);
    CHECK(item.state == OutboxState::Queued);
    CHECK(item.lastError.code == QStringLiteral("too_large"));
    CHECK(item.lastError.message.contains(QStringLiteral("photo is larger")));
    CHECK_FALSE(item.lastError.message.contains(QStringLiteral("413")));
    CHECK(p.stateOf(small) == ReportState::Received);
}

TEST_CASE("pass: review results flow back with the cursor")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 0);
    Pass pass(p, hub);
    REQUIRE(pass.run().sent == 1);

    hub.events << sync::StatusEvent{5,
                                    report,
                                    QStringLiteral("2026-10"),
                                    1,
                                    QStringLiteral("returned"),
                                    QStringLiteral("Falta a foto da ação 3."),
                                    QDateTime::currentDateTimeUtc()};
    const sync::PassReport r = pass.run();
    CHECK(r.reviewsApplied == 1);
    CHECK(p.stateOf(report) == ReportState::Returned);
    CHECK(p.services->reports().report(report)->reviewComment == QStringLiteral("Falta a foto da ação 3."));
    CHECK(p.outbox->statusCursor() == 5);
    pass.run();
    CHECK(hub.server.requests().last().path.contains("since=5"));
}

TEST_CASE("pass: partners go up without a person's CPF, erasures propagate, once")
{
    SyncProfile p;
    FakeHub hub;
    core::Partner person;
    person.kind = core::PartnerKind::Person;
    person.name = QStringLiteral("Maria das Dores");
    person.document = QStringLiteral("52998224725");
    person.municipality = QStringLiteral("3106200");
    auto saved = p.services->partners().save(person);
    REQUIRE(saved.ok());
    Pass pass(p, hub);
    REQUIRE(pass.run().partnersSent == 1);
    REQUIRE(hub.partners.contains(saved->uuid));
    CHECK_FALSE(hub.partners.value(saved->uuid).contains("52998224725"));

    const int puts = hub.count("PUT", "/api/v1/partners/");
    pass.run();
    CHECK(hub.count("PUT", "/api/v1/partners/") == puts);

    REQUIRE(p.services->partners().erase(saved->uuid).ok());
    pass.run();
    CHECK(hub.erased == QStringList{saved->uuid});
}

// ------------------------------------------------------------------ controller
