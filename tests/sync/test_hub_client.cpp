// HubClient against a scripted HTTP server on 127.0.0.1: every failure is a
// typed error with words a user can act on, and nothing but a decoded
// receipt counts as sent.
#include "tests/sync/sync_fixture.h"

#include "sync/client/hub_client.h"

#include <QNetworkAccessManager>
#include <QTcpServer>

using namespace mobiliza;
using sync::HubClient;
using sync::HubError;
using test::CannedResponse;
using test::FakeHttpServer;
using test::SeenRequest;

namespace {

const QString kToken = QStringLiteral("tok_abcdefghijklmnopqrstuvwxyz0123456789");
const QString kReport = QStringLiteral("5b0c3f9e-1a2b-4c3d-8e9f-0123456789ab");
const QString kSha = QString(64, QLatin1Char('a'));

QByteArray preflightBody()
{
    sync::Preflight p;
    p.service = QString::fromLatin1(sync::kServiceName);
    p.protocol = sync::kProtocolVersion;
    p.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
    p.scope.kind = sync::Scope::Kind::Municipality;
    p.scope.municipality = QStringLiteral("3106200");
    p.time = QDateTime::currentDateTimeUtc();
    return sync::encode(p);
}

QByteArray errorBody(const QString &code, const QString &message = QStringLiteral("x"))
{
    sync::ErrorBody e;
    e.code = code;
    e.message = message;
    return sync::encode(e);
}

struct Client
{
    QNetworkAccessManager network;
    HubClient client{&network};

    explicit Client(const FakeHttpServer &server, HubClient::Timeouts timeouts = {})
    {
        client.setBaseUrl(QUrl(server.url()));
        client.setToken(kToken);
        client.setTimeouts(timeouts);
    }

    template <typename T, typename Call> sync::HubResult<T> run(Call call)
    {
        std::optional<sync::HubResult<T>> result;
        call([&](sync::HubResult<T> r) { result.emplace(std::move(r)); });
        REQUIRE(test::waitFor([&] { return result.has_value(); }, 15'000));
        return *result;
    }

    sync::HubResult<sync::Preflight> preflight()
    {
        return run<sync::Preflight>([&](auto cb) { client.preflight(cb); });
    }
    sync::HubResult<sync::Receipt> putManifest(const QByteArray &manifest = "{\"x\":1}")
    {
        return run<sync::Receipt>([&](auto cb) { client.putManifest(kReport, 1, manifest, {}, cb); });
    }
    sync::HubResult<sync::BlobStored> putBlob(const QByteArray &bytes)
    {
        return run<sync::BlobStored>([&](auto cb) { client.putBlob(kSha, bytes, {}, cb); });
    }
};

// The user-facing message never leaks a raw status or a socket error.
void checkWords(const HubError &e)
{
    CHECK_FALSE(e.message.isEmpty());
    for (const char *raw : {"413", "500", "502", "connection refused", "Connection refused", "Host not found",
                            "host not found"})
        CHECK_FALSE(e.message.contains(QLatin1String(raw)));
    CHECK_FALSE(e.message.contains(kToken));
}

} // namespace

TEST_CASE("hub client: a real pre-flight is online, sends the token only in the header")
{
    FakeHttpServer server([](const SeenRequest &) { return CannedResponse::http(200, preflightBody()); });
    Client c(server);
    auto r = c.preflight();
    REQUIRE(r.ok());
    CHECK(r->hub.name == QStringLiteral("URS Belo Horizonte"));
    REQUIRE(server.requests().size() == 1);
    CHECK(server.requests().first().path == "/api/v1/preflight");
    CHECK(server.requests().first().headers.value("authorization") == "Bearer " + kToken.toUtf8());
}

TEST_CASE("hub client: a captive portal's 200 page is not online and not sent")
{
    FakeHttpServer server([](const SeenRequest &) {
        return CannedResponse::http(200, "<html><body>Faça login no Wi-Fi</body></html>", "text/html");
    });
    Client c(server);
    auto pre = c.preflight();
    REQUIRE_FALSE(pre.ok());
    CHECK(pre.error().kind == HubError::Kind::NotHub);
    CHECK(pre.error().stopsPass());
    CHECK(pre.error().message.contains(QStringLiteral("login")));
    checkWords(pre.error());

    auto receipt = c.putManifest();
    REQUIRE_FALSE(receipt.ok());
    CHECK(receipt.error().kind == HubError::Kind::NotHub);
}

TEST_CASE("hub client: a redirect (captive portal) is never followed")
{
    FakeHttpServer server([](const SeenRequest &) {
        return CannedResponse::http(302, "", "text/html", {"Location: http://portal.example/login"});
    });
    Client c(server);
    auto pre = c.preflight();
    REQUIRE_FALSE(pre.ok());
    CHECK(pre.error().kind == HubError::Kind::NotHub);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("hub client: garbage JSON with 200 or 201 is a protocol problem, never a receipt")
{
    FakeHttpServer server(
        [](const SeenRequest &) { return CannedResponse::http(201, "{\"receipt\": {\"hubId\": 3"); });
    Client c(server);
    auto receipt = c.putManifest();
    REQUIRE_FALSE(receipt.ok());
    CHECK(receipt.error().kind == HubError::Kind::NotHub);

    // A well-formed receipt for ANOTHER report is not ours either.
    server.setHandler([](const SeenRequest &) {
        sync::Receipt other{QStringLiteral("r-1"),
                            QStringLiteral("11111111-2222-3333-4444-555555555555"),
                            1,
                            kSha,
                            QDateTime::currentDateTimeUtc(),
                            QStringLiteral("received")};
        return CannedResponse::http(201, sync::encode(other));
    });
    auto wrong = c.putManifest();
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().kind == HubError::Kind::NotHub);

    server.setHandler([](const SeenRequest &) {
        sync::Receipt ours{QStringLiteral("r-1"),     kReport, 1, kSha, QDateTime::currentDateTimeUtc(),
                           QStringLiteral("received")};
        return CannedResponse::http(201, sync::encode(ours));
    });
    auto good = c.putManifest();
    REQUIRE(good.ok());
    CHECK(good->hubId == QStringLiteral("r-1"));
}

TEST_CASE("hub client: HTTP errors become typed errors with actionable words")
{
    struct Case
    {
        int status;
        QByteArray body;
        HubError::Kind kind;
        bool retryable;
        bool stops;
    };
    const QList<Case> cases{
        {401, errorBody(QStringLiteral("unauthorized")), HubError::Kind::Unauthorized, true, true},
        {403, errorBody(QStringLiteral("forbidden")), HubError::Kind::Forbidden, true, true},
        {404, "<html>nginx</html>", HubError::Kind::NotFound, true, true},
        {409, errorBody(QStringLiteral("revision_conflict")), HubError::Kind::Conflict, false, false},
        {413, "<html>413 Request Entity Too Large</html>", HubError::Kind::TooLarge, true, false},
        {429, errorBody(QStringLiteral("rate_limited")), HubError::Kind::RateLimited, true, true},
        {500, "Internal Server Error", HubError::Kind::ServerError, true, true},
        {502, "<html>Bad Gateway</html>", HubError::Kind::ServerError, true, true},
    };
    for (const Case &k : cases) {
        INFO("status " << k.status);
        FakeHttpServer server([&](const SeenRequest &) {
            return CannedResponse::http(k.status, k.body, "application/json", {"Retry-After: 120"});
        });
        Client c(server);
        auto r = c.putManifest();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == k.kind);
        CHECK(r.error().httpStatus == k.status);
        CHECK(r.error().isRetryable() == k.retryable);
        CHECK(r.error().stopsPass() == k.stops);
        checkWords(r.error());
        if (k.status == 429)
            CHECK(r.error().retryAfterSeconds == 120);
    }
}

TEST_CASE("hub client: 401 means enroll again, 409 conflict means contact the URS, 413 names the photo")
{
    FakeHttpServer server([](const SeenRequest &) {
        return CannedResponse::http(401, errorBody(QStringLiteral("unauthorized")));
    });
    Client c(server);
    CHECK(c.preflight().error().message.contains(QStringLiteral("enrollment code")));

    server.setHandler([](const SeenRequest &) {
        return CannedResponse::http(409, errorBody(QStringLiteral("revision_conflict")));
    });
    CHECK(c.putManifest().error().message.contains(QStringLiteral("Contact the URS")));

    server.setHandler([](const SeenRequest &) {
        return CannedResponse::http(413, errorBody(QStringLiteral("too_large")));
    });
    const auto tooLarge = c.putBlob(QByteArray(1000, 'x'));
    CHECK(tooLarge.error().message.contains(QStringLiteral("photo is larger")));
}

TEST_CASE("hub client: 422 carries the hub's findings, 409 missing_blobs the names")
{
    FakeHttpServer server([](const SeenRequest &) {
        sync::ErrorBody e;
        e.code = QStringLiteral("validation_failed");
        e.message = QStringLiteral("Relatório inválido.");
        e.findings << core::Finding{QStringLiteral("actions[0].photos"), core::Severity::Error,
                                    QStringLiteral("min_photos"), QStringLiteral("Anexe uma foto.")};
        return CannedResponse::http(422, sync::encode(e));
    });
    Client c(server);
    auto r = c.putManifest();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == HubError::Kind::Rejected);
    CHECK_FALSE(r.error().isRetryable());
    REQUIRE(r.error().findings.size() == 1);
    CHECK(r.error().findings.first().code == QStringLiteral("min_photos"));

    server.setHandler([](const SeenRequest &) {
        sync::ErrorBody e;
        e.code = QStringLiteral("missing_blobs");
        e.message = QStringLiteral("Faltam fotos.");
        e.missing << kSha;
        return CannedResponse::http(409, sync::encode(e));
    });
    auto missing = c.putManifest();
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == HubError::Kind::MissingBlobs);
    CHECK(missing.error().missing == QStringList{kSha});
}

TEST_CASE("hub client: a hub that never answers times out")
{
    FakeHttpServer server([](const SeenRequest &) { return CannedResponse::hang(); });
    Client c(server, HubClient::Timeouts{2000, 300});
    QElapsedTimer t;
    t.start();
    auto r = c.preflight();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == HubError::Kind::Timeout);
    CHECK(t.elapsed() < 5000);
    checkWords(r.error());
}

TEST_CASE("hub client: a cut connection and a closed port are words, not socket errors")
{
    FakeHttpServer server([](const SeenRequest &) { return CannedResponse::close(); });
    Client c(server);
    auto cut = c.putBlob(QByteArray(50'000, 'x'));
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().kind == HubError::Kind::Unreachable);
    CHECK(cut.error().stopsPass());
    checkWords(cut.error());

    // A port nobody listens on.
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    c.client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    auto refused = c.preflight();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == HubError::Kind::Unreachable);
    checkWords(refused.error());

    c.client.setBaseUrl(QUrl(QStringLiteral("https://nonexistent.invalid")));
    auto unknown = c.preflight();
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().kind == HubError::Kind::Offline);
    checkWords(unknown.error());
}

TEST_CASE("hub client: blobs, missing, status and enroll decode the hub's answers")
{
    FakeHttpServer server([](const SeenRequest &req) {
        if (req.path == "/api/v1/blobs/missing")
            return CannedResponse::http(200, sync::encodeMissingAnswer({kSha}));
        if (req.path.startsWith("/api/v1/blobs/"))
            return CannedResponse::http(201, "{\"sha256\":\"" + kSha.toUtf8() +
                                                 "\",\"bytes\":" + QByteArray::number(req.body.size()) + "}");
        if (req.path.startsWith("/api/v1/status")) {
            sync::StatusPage page;
            page.events << sync::StatusEvent{7,
                                             kReport,
                                             QStringLiteral("2026-10"),
                                             1,
                                             QStringLiteral("returned"),
                                             QStringLiteral("Falta foto."),
                                             QDateTime::currentDateTimeUtc()};
            page.next = 7;
            return CannedResponse::http(200, sync::encode(page));
        }
        if (req.path == "/api/v1/enroll") {
            sync::EnrollResponse e;
            e.token = kToken;
            e.scope.municipality = QStringLiteral("3106200");
            e.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS BH")};
            return CannedResponse::http(201, sync::encode(e));
        }
        return CannedResponse::http(404, errorBody(QStringLiteral("not_found")));
    });
    Client c(server);
    auto missing = c.run<QStringList>([&](auto cb) { c.client.missingBlobs({kSha}, cb); });
    REQUIRE(missing.ok());
    CHECK(missing.value() == QStringList{kSha});

    QList<qint64> progress;
    auto blob = c.run<sync::BlobStored>([&](auto cb) {
        c.client.putBlob(
            kSha, QByteArray(300'000, 'z'), [&](qint64 sent, qint64) { progress << sent; }, cb);
    });
    REQUIRE(blob.ok());
    CHECK(blob->created);
    CHECK_FALSE(progress.isEmpty());
    CHECK(progress.last() == 300'000);
    CHECK(server.requests().last().headers.value("content-type") == "image/jpeg");
    CHECK(c.client.bodyBytesSent() >= 300'000);

    auto status = c.run<sync::StatusPage>([&](auto cb) { c.client.status(3, 200, cb); });
    REQUIRE(status.ok());
    CHECK(status->events.size() == 1);
    CHECK(server.requests().last().path == "/api/v1/status?since=3&limit=200");

    auto enrolled = c.run<sync::EnrollResponse>([&](auto cb) {
        c.client.enroll({QStringLiteral("K7QF-2M9X"), QStringLiteral("inst"), QStringLiteral("PC")}, cb);
    });
    REQUIRE(enrolled.ok());
    CHECK_FALSE(server.requests().last().headers.contains("authorization"));
}

TEST_CASE("hub client: hub addresses are normalized and validated")
{
    CHECK(HubClient::normalizeUrl(QStringLiteral(" hub.urs.mg.gov.br/ ")) ==
          QUrl(QStringLiteral("https://hub.urs.mg.gov.br")));
    CHECK(HubClient::normalizeUrl(QStringLiteral("http://127.0.0.1:8080/api/v1/")) ==
          QUrl(QStringLiteral("http://127.0.0.1:8080")));
    CHECK(HubClient::isValidHubUrl(HubClient::normalizeUrl(QStringLiteral("https://hub.example/mobiliza"))));
    CHECK_FALSE(HubClient::isValidHubUrl(HubClient::normalizeUrl(QStringLiteral("ftp://hub.example"))));
    CHECK_FALSE(HubClient::isValidHubUrl(HubClient::normalizeUrl(QString())));
    CHECK_FALSE(HubClient::isValidHubUrl(HubClient::normalizeUrl(QStringLiteral("https://"))));
}
