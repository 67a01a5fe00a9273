// The hub over HTTP at its edges (docs/protocol.md §2, §7): garbage and oversized
// bodies, wrong methods and routes, the rate limits and the access log — the real
// HubServer on 127.0.0.1. The routes' normal work is in test_hub_server.cpp.
#include "sync/hub/hub_secrets.h"
#include "tests/hub/hub_test_util.h"

using namespace mobiliza;
using namespace mobiliza::test;

TEST_CASE("Garbage and oversized bodies to every route get a 4xx JSON error and the hub keeps serving")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    const QString uuid = core::newUuid();
    const QString sha = QStringLiteral("a").repeated(64);
    struct Route
    {
        QByteArray method;
        QString path;
        qint64 limit;
    };
    const sync::Limits limits;
    const QList<Route> routes{
        {"GET", kPreflight, limits.maxJsonBytes},
        {"POST", kEnroll, limits.maxJsonBytes},
        {"POST", kMissing, limits.maxJsonBytes},
        {"PUT", QStringLiteral("/api/v1/blobs/") + sha, limits.maxBlobBytes},
        {"PUT", QStringLiteral("/api/v1/reports/%1/revisions/1").arg(uuid), limits.maxManifestBytes},
        {"GET", QStringLiteral("/api/v1/reports/") + uuid, limits.maxJsonBytes},
        {"GET", QStringLiteral("/api/v1/status"), limits.maxJsonBytes},
        {"PUT", QStringLiteral("/api/v1/partners/") + uuid, limits.maxJsonBytes},
        {"DELETE", QStringLiteral("/api/v1/partners/") + uuid, limits.maxJsonBytes},
    };
    const QList<QByteArray> garbage{QByteArray("{\"report\": [1, 2", 16),
                                    QByteArray("\x00\xff\xfe garbage", 11), QByteArray("[]"),
                                    QByteArray("{\"code\": 42, \"blobs\": {\"a\": 1}}")};
    for (const Route &r : routes) {
        INFO(r.method.toStdString() << ' ' << r.path.toStdString());
        for (const QByteArray &body : garbage) {
            const HttpReply reply = f.http->send(r.method, r.path, body, token);
            CHECK(reply.status >= 400);
            CHECK(reply.status < 500);
            CHECK(reply.isJsonError());
        }
        const HttpReply big = f.http->send(r.method, r.path, QByteArray(r.limit + 1, '{'), token);
        CHECK(big.status == 413);
        CHECK(big.errorCode() == QStringLiteral("too_large"));
        CHECK(f.preflightStatus(token) == 200);
    }
    CHECK(filesUnder(f.blobs->dir()).isEmpty());
    CHECK(f.store->tokens().value().size() == 1);
}

TEST_CASE("Wrong methods get 405, unknown routes 404, both as JSON")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    const HttpReply wrong = f.http->send("DELETE", kPreflight, {}, token);
    CHECK(wrong.status == 405);
    CHECK(wrong.errorCode() == QStringLiteral("method_not_allowed"));
    CHECK(wrong.header("Allow") == "GET");
    CHECK(f.http->get(kEnroll).status == 405);
    const HttpReply blobDelete =
        f.http->send("DELETE", QStringLiteral("/api/v1/blobs/") + QStringLiteral("b").repeated(64), {}, token);
    CHECK(blobDelete.status == 405);
    CHECK(blobDelete.header("Allow") == "PUT, GET");
    CHECK(f.http->send("POST", QStringLiteral("/api/v1/partners/") + core::newUuid(), "{}", token).status ==
          405);
    for (const QString &path :
         {QStringLiteral("/"), QStringLiteral("/api/v2/preflight"), QStringLiteral("/api/v1/"),
          QStringLiteral("/api/v1/preflight/"), QStringLiteral("/api/v1/nothing")}) {
        INFO(path.toStdString());
        const HttpReply r = f.http->get(path, token);
        CHECK(r.status == 404);
        CHECK(r.isJsonError());
        CHECK(r.errorCode() == QStringLiteral("not_found"));
    }
}

TEST_CASE("Rate limits: per token and per address for enrollment, 429 with Retry-After")
{
    hub::ServerOptions options;
    options.tokenBurst = 3;
    options.tokenRatePerSecond = 0.5;
    options.enrollBurst = 3;
    options.enrollPerMinute = 1;
    HubFixture f(options);
    const QString a = f.enrollMunicipality(kBelo);
    const QString b = f.enrollMunicipality(kNeves);
    for (int i = 0; i < 3; ++i)
        CHECK(f.preflightStatus(a) == 200);
    const HttpReply limited = f.http->get(kPreflight, a);
    CHECK(limited.status == 429);
    CHECK(limited.errorCode() == QStringLiteral("rate_limited"));
    CHECK(limited.header("Retry-After").toInt() >= 1);
    CHECK(f.preflightStatus(b) == 200); // another token has its own bucket

    // Two enrollments above used the address's bucket; the third request is the last one allowed.
    CHECK(f.http->post(kEnroll, "{\"code\": \"AAAA-BBBB-CCCC\"}").status == 401);
    const HttpReply enrollLimited = f.http->post(kEnroll, "{\"code\": \"AAAA-BBBB-CCCC\"}");
    CHECK(enrollLimited.status == 429);
    CHECK(enrollLimited.header("Retry-After").toInt() >= 1);
}

TEST_CASE("Rate limits: a URS's and the central level's tokens have their own, larger bucket")
{
    hub::ServerOptions options;
    options.tokenBurst = 2;
    options.tokenRatePerSecond = 0.01;
    options.regionalBurst = 5;
    options.regionalRatePerSecond = 0.01;
    HubFixture f(options);
    const QString municipality = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString central = f.enrollCentral();
    int municipal = 0;
    while (municipal < 10 && f.preflightStatus(municipality) == 200)
        ++municipal;
    CHECK(municipal == 2);
    for (const QString &token : {urs, central}) {
        int regional = 0;
        while (regional < 10 && f.preflightStatus(token) == 200)
            ++regional;
        CHECK(regional == 5);
        const HttpReply limited = f.http->get(kPreflight, token);
        CHECK(limited.status == 429);
        CHECK(limited.header("Retry-After").toInt() >= 1);
    }
}

TEST_CASE("The access log has one JSON line per request and never a secret")
{
    HubFixture f;
    sync::Scope scope;
    scope.municipality = kBelo;
    auto issued = hub::TokenDesk(*f.hub).issueCode(scope, {});
    REQUIRE(issued.ok());
    const HttpReply enrolled = f.http->post(kEnroll, sync::encode(sync::EnrollRequest{issued->code, {}, {}}));
    REQUIRE(enrolled.status == 201);
    const QString token = sync::decodeEnrollResponse(enrolled.body).value().token;
    f.push(makeReport(kBelo), token);                                            // 2 blobs + 1 manifest
    f.http->get(QStringLiteral("/api/v1/status?since=0&token=") + token, token); // a secret in the query
    f.http->get(kPreflight, QStringLiteral("wrong-token-wrong-token"));

    const QByteArray log = readFile(f.dir.filePath(QStringLiteral("access.log")));
    const QList<QByteArray> lines = log.trimmed().split('\n');
    REQUIRE(lines.size() == 6);
    CHECK_FALSE(log.contains(token.toUtf8()));
    CHECK_FALSE(log.contains(issued->code.toUtf8()));
    CHECK_FALSE(log.contains(hub::secrets::normalizeEnrollmentCode(issued->code).toUtf8()));
    CHECK_FALSE(log.contains("Bearer"));
    CHECK_FALSE(log.contains("wrong-token"));
    const QString tokenId = hub::secrets::tokenHash(token).left(8);
    QJsonObject manifestLine = QJsonDocument::fromJson(lines[3]).object();
    CHECK(manifestLine.value(QStringLiteral("method")).toString() == QStringLiteral("PUT"));
    CHECK(manifestLine.value(QStringLiteral("status")).toInt() == 201);
    CHECK(manifestLine.value(QStringLiteral("token")).toString() == tokenId);
    CHECK(manifestLine.value(QStringLiteral("in")).toInteger() > 0);
    CHECK(manifestLine.value(QStringLiteral("out")).toInteger() > 0);
    CHECK(manifestLine.contains(QStringLiteral("ms")));
    CHECK(manifestLine.value(QStringLiteral("remote")).toString() == QStringLiteral("127.0.0.1"));
    CHECK(QJsonDocument::fromJson(lines[4]).object().value(QStringLiteral("path")).toString() ==
          QStringLiteral("/api/v1/status"));
    const QJsonObject refused = QJsonDocument::fromJson(lines[5]).object();
    CHECK(refused.value(QStringLiteral("status")).toInt() == 401);
    CHECK(refused.value(QStringLiteral("token")).toString().isEmpty());
}

