// Issue 8 ("Trust II"): tokens expire when unused and can be rotated (POST /api/v1/token, the
// replaced one works for an overlap), the pre-flight says when to renew, and the command line
// shows last use, expiry and rotation (`tokens`) and the hub's disk use (`stats`).
#include "sync/hub/hub.h"
#include "sync/hub/hub_dispatch.h"
#include "sync/hub/hub_secrets.h"
#include "tests/hub/hub_test_util.h"

#include <QHash>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

sync::Preflight preflightOf(HubFixture &f, const QString &token)
{
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/preflight"), token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    auto p = sync::decodePreflight(r.body);
    REQUIRE(p.ok());
    return p.value();
}

HttpReply rotate(HubFixture &f, const QString &token)
{
    return f.http->post(QStringLiteral("/api/v1/token"), {}, token);
}

QString tokenId(const QString &token)
{
    return hub::secrets::tokenIdFromHash(hub::secrets::tokenHash(token));
}

} // namespace

TEST_CASE("Rotation: a new token for the same installation, the old one works for the overlap, then 401")
{
    HubFixture f;
    const QString old = f.enrollMunicipality(kBelo);
    const sync::Preflight fresh = preflightOf(f, old);
    CHECK(fresh.tokenRenewAfter == hubNow().addDays(90));

    // A token younger than an hour is not rotated again (a loop cannot fill the table).
    const HttpReply tooSoon = rotate(f, old);
    CHECK(tooSoon.status == 429);
    CHECK(tooSoon.errorCode() == QStringLiteral("rate_limited"));
    CHECK(tooSoon.header("Retry-After").toInt() == 3600);
    CHECK(f.http->post(QStringLiteral("/api/v1/token"), {}).status == 401);
    CHECK(f.http->get(QStringLiteral("/api/v1/token"), old).status == 405);

    f.clock.advanceSecs(90 * 24 * 3600);
    const HttpReply rotated = rotate(f, old);
    INFO(rotated.body.toStdString());
    REQUIRE(rotated.status == 201);
    auto response = sync::decodeEnrollResponse(rotated.body);
    REQUIRE(response.ok());
    const QString renewed = response->token;
    CHECK(renewed != old);
    CHECK(response->scope.kind == sync::Scope::Kind::Municipality);
    CHECK(response->scope.municipality == kBelo);
    const QDateTime overlapEnd = f.clock.now().addSecs(24 * 3600);
    CHECK(rotated.json().value(QStringLiteral("previousValidUntil")).toString() ==
          sync::utcTimestamp(overlapEnd));

    // Until the new token is used the old one keeps working — the answer may have been
    // lost, and a municipality that syncs once a month must not be locked out — and it may
    // rotate again.
    f.clock.advanceSecs(30 * 24 * 3600);
    CHECK(f.preflightStatus(old) == 200);
    const HttpReply again = rotate(f, old);
    INFO(again.body.toStdString());
    REQUIRE(again.status == 201);
    const QString second = sync::decodeEnrollResponse(again.body).value().token;
    // One live successor at most: the one whose answer was lost no longer works.
    CHECK(f.preflightStatus(renewed) == 401);

    // The new token's first use starts the old one's overlap.
    const QDateTime firstUse = f.clock.now();
    CHECK(preflightOf(f, second).tokenRenewAfter == firstUse.addDays(90));
    const TestReport t = makeReport(kBelo, 31, 1);
    f.push(t, second);
    // The rotated token keeps the installation's scope and label.
    const hub::TokenRecord record = hub::TokenDesk(*f.hub).authenticate(second).value();
    CHECK(record.rotatedFrom == tokenId(old));
    CHECK(record.label == hub::TokenDesk(*f.hub).authenticate(old).value().label);
    // Its successor is in use: the old token makes no other.
    CHECK(rotate(f, old).status == 401);

    f.clock.set(firstUse.addSecs(24 * 3600 - 1));
    CHECK(f.preflightStatus(old) == 200);
    f.clock.set(firstUse.addSecs(24 * 3600));
    const HttpReply gone = f.http->get(QStringLiteral("/api/v1/preflight"), old);
    CHECK(gone.status == 401);
    CHECK(gone.errorCode() == QStringLiteral("unauthorized"));
    CHECK(gone.header("WWW-Authenticate") == "Bearer");
    CHECK(f.preflightStatus(second) == 200);
    CHECK(rotate(f, old).status == 401);
}

TEST_CASE("A token unused for the idle limit is refused with token_expired, using it keeps it alive")
{
    HubFixture f;
    const QString used = f.enrollMunicipality(kBelo);
    const QString unused = f.enrollMunicipality(kBarbacena);
    CHECK(f.preflightStatus(used) == 200);

    f.clock.advanceSecs(179 * 24 * 3600);
    CHECK(f.preflightStatus(used) == 200); // its last use moves on
    f.clock.advanceSecs(24 * 3600);        // 180 days since the other was enrolled, never used
    const HttpReply expired = f.http->get(QStringLiteral("/api/v1/preflight"), unused);
    INFO(expired.body.toStdString());
    CHECK(expired.status == 401);
    CHECK(expired.errorCode() == QStringLiteral("token_expired"));
    CHECK(expired.isJsonError());
    CHECK(expired.header("WWW-Authenticate") == "Bearer");
    CHECK(f.preflightStatus(used) == 200);

    f.clock.advanceSecs(180 * 24 * 3600);
    CHECK(f.http->get(QStringLiteral("/api/v1/preflight"), used).errorCode() ==
          QStringLiteral("token_expired"));
    // Expired is not rotated either.
    CHECK(rotate(f, used).status == 401);
}

TEST_CASE("The pre-flight's tokenRenewAfter is optional: a pre-flight without it still decodes")
{
    sync::Preflight p;
    p.hub = sync::HubInfo{QStringLiteral("h"), QStringLiteral("Hub")};
    p.scope.kind = sync::Scope::Kind::Central;
    p.time = hubNow();
    const QByteArray without = sync::encode(p);
    CHECK_FALSE(without.contains("tokenRenewAfter"));
    auto old = sync::decodePreflight(without);
    REQUIRE(old.ok());
    CHECK_FALSE(old->tokenRenewAfter.isValid());
    p.tokenRenewAfter = hubNow().addDays(90);
    auto decoded = sync::decodePreflight(sync::encode(p));
    REQUIRE(decoded.ok());
    CHECK(decoded->tokenRenewAfter == hubNow().addDays(90));
}

TEST_CASE("The pre-flight announces each token's request limit, so that its installation paces itself")
{
    HubFixture f;
    const sync::Preflight municipal = preflightOf(f, f.enrollMunicipality(kBelo));
    CHECK(municipal.limits.requestsPerSecond == 50);
    CHECK(municipal.limits.requestBurst == 200);
    // A URS's and the central level's passes go over a whole region: their own, larger limit.
    const sync::Preflight central = preflightOf(f, f.enrollCentral());
    CHECK(central.limits.requestsPerSecond == 200);
    CHECK(central.limits.requestBurst == 400);
}

TEST_CASE("CLI: tokens shows created, last use, state, until when it works and what it was rotated from")
{
    HubFixture f;
    const QString old = f.enrollMunicipality(kBelo);
    f.clock.advanceSecs(2 * 3600);
    CHECK(f.preflightStatus(old) == 200);
    const QDateTime lastUse = f.clock.now();
    const HttpReply rotated = rotate(f, old);
    REQUIRE(rotated.status == 201);
    const QString renewed = sync::decodeEnrollResponse(rotated.body).value().token;
    // The new token's first use, an hour later, starts the old one's overlap.
    f.clock.advanceSecs(3600);
    const QDateTime firstUse = f.clock.now();
    CHECK(f.preflightStatus(renewed) == 200);

    // The command runs on the system's clock, long after the fixture's: without an idle limit the
    // old token is past its overlap and the new one active.
    const CliRun run = runHub(
        QStringList{QStringLiteral("tokens"), QStringLiteral("--token-idle-days"), QStringLiteral("0")} +
        hubDataArgs(f));
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    REQUIRE(run.lines().size() == 2);
    QHash<QString, QStringList> byId;
    for (const QString &line : run.lines())
        byId.insert(line.section(QLatin1Char('\t'), 0, 0), line.split(QLatin1Char('\t')));
    const QStringList o = byId.value(tokenId(old));
    const QStringList n = byId.value(tokenId(renewed));
    REQUIRE(o.size() == 9);
    REQUIRE(n.size() == 9);
    CHECK(o[4] == sync::utcTimestamp(hubNow()));
    CHECK(o[5] == sync::utcTimestamp(lastUse));
    CHECK(o[6] == QStringLiteral("replaced ") + sync::utcTimestamp(firstUse.addSecs(24 * 3600)));
    CHECK(o[8] == QStringLiteral("-"));
    CHECK(n[4] == sync::utcTimestamp(lastUse));
    CHECK(n[5] == sync::utcTimestamp(firstUse));
    CHECK(n[6] == QStringLiteral("active"));
    CHECK(n[7] == QStringLiteral("-"));
    CHECK(n[8] == QStringLiteral("rotated-from ") + tokenId(old));

    // With the default idle limit, on today's clock, the tokens of the fixture's 2025 are expired.
    const CliRun aged = runHub(QStringList{QStringLiteral("tokens")} + hubDataArgs(f));
    REQUIRE(aged.exitCode == 0);
    CHECK(aged.out.contains(QStringLiteral("\texpired ") + sync::utcTimestamp(firstUse.addDays(180))));
    CHECK(runHub(QStringList{QStringLiteral("tokens"), QStringLiteral("--token-idle-days"),
                             QStringLiteral("x")} +
                 hubDataArgs(f))
              .exitCode == 2);
}

TEST_CASE("CLI: stats prints the database size, photos referenced or awaiting, tokens and reports")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString revoked = f.enrollMunicipality(kBarbacena);
    REQUIRE(f.store->revokeToken(tokenId(revoked), f.clock.now()).value() == 1);
    const TestReport sent = makeReport(kBelo, 41, 2);
    f.push(sent, belo);
    const TestReport waiting = makeReport(kBelo, 42, 1);
    f.putBlobs(waiting, belo);

    const CliRun run = runHub(QStringList{QStringLiteral("stats"), QStringLiteral("--token-idle-days"),
                                          QStringLiteral("0"), QStringLiteral("--top"), QStringLiteral("5")} +
                              hubDataArgs(f));
    INFO(run.err.toStdString());
    INFO(run.out.toStdString());
    REQUIRE(run.exitCode == 0);
    QHash<QString, QString> value;
    QStringList perToken;
    for (const QString &line : run.lines()) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        REQUIRE(fields.size() >= 3);
        if (fields[0] == QLatin1String("token.unattached.bytes"))
            perToken << line;
        else
            value.insert(fields[0], fields[1]);
    }
    CHECK(value.value(QStringLiteral("database")) ==
          (testDbUrl().isEmpty() ? QStringLiteral("sqlite") : QStringLiteral("postgresql")));
    CHECK(value.value(QStringLiteral("database.bytes")).toLongLong() > 0);
    CHECK(value.value(QStringLiteral("blobs.count")) == QStringLiteral("3"));
    CHECK(value.value(QStringLiteral("blobs.referenced.count")) == QStringLiteral("2"));
    CHECK(value.value(QStringLiteral("blobs.referenced.bytes")).toLongLong() ==
          sent.photos[0].size() + sent.photos[1].size());
    CHECK(value.value(QStringLiteral("blobs.unreferenced.count")) == QStringLiteral("1"));
    CHECK(value.value(QStringLiteral("blobs.unreferenced.bytes")).toLongLong() == waiting.photos[0].size());
    CHECK(value.value(QStringLiteral("blobs.bytes")).toLongLong() ==
          sent.photos[0].size() + sent.photos[1].size() + waiting.photos[0].size());
    CHECK(value.value(QStringLiteral("disk.free.bytes")).toLongLong() > 0);
    CHECK(value.value(QStringLiteral("tokens.active")) == QStringLiteral("1"));
    CHECK(value.value(QStringLiteral("tokens.revoked")) == QStringLiteral("1"));
    CHECK(value.value(QStringLiteral("tokens.expired")) == QStringLiteral("0"));
    CHECK(value.value(QStringLiteral("reports")) == QStringLiteral("1"));
    CHECK(value.value(QStringLiteral("revisions")) == QStringLiteral("1"));
    CHECK(value.value(QStringLiteral("quota.bytes")) == QString::number(512LL * 1024 * 1024));
    // Only the photo awaiting its report counts for Belo's token.
    REQUIRE(perToken.size() == 1);
    const QStringList top = perToken[0].split(QLatin1Char('\t'));
    CHECK(top.value(1).toLongLong() == waiting.photos[0].size());
    CHECK(top.value(2) == tokenId(belo));
    CHECK(top.value(3) == QStringLiteral("municipality"));
    CHECK(top.value(4) == kBelo);
}

TEST_CASE("Revoking a token by its id revokes its rotation chain: the tokens it replaced and those that replaced it")
{
    HubFixture f;
    const QString first = f.enrollMunicipality(kBelo);
    const QString other = f.enrollMunicipality(kBelo); // another installation of the same municipality
    f.clock.advanceSecs(2 * 3600);
    const HttpReply rotated = rotate(f, first);
    REQUIRE(rotated.status == 201);
    const QString second = sync::decodeEnrollResponse(rotated.body).value().token;
    CHECK(f.preflightStatus(second) == 200); // in use: the first is in its overlap

    // The URS noted the first token's id before the installation renewed it.
    const CliRun revoked = runHub(
        QStringList{QStringLiteral("revoke"), QStringLiteral("--token-id"), tokenId(first)} + hubDataArgs(f));
    INFO(revoked.err.toStdString());
    REQUIRE(revoked.exitCode == 0);
    CHECK(revoked.out.contains(QStringLiteral("Tokens revoked: 2.")));
    CHECK(f.preflightStatus(first) == 401);
    CHECK(f.preflightStatus(second) == 401);
    CHECK(f.preflightStatus(other) == 200);
}

TEST_CASE("A photo upload reads its token from a few seconds' cache, everything else from the database: "
          "a revoked token stores photos for at most that window and publishes nothing")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const TestReport t = makeReport(kBelo, 31, 3);
    const auto putPhoto = [&](int i) {
        return f.http->put(QStringLiteral("/api/v1/blobs/") + t.blobs()[i], t.photos[i], belo, "image/jpeg");
    };
    CHECK(putPhoto(0).status == 201); // the token read from the database, kept
    REQUIRE(f.store->revokeToken(tokenId(belo), f.clock.now()).value() == 1);

    // Within the window a photo is still stored (and counted in the token's quota)…
    f.clock.set(f.clock.now().addMSecs(4999));
    CHECK(putPhoto(1).status == 201);
    CHECK(f.blobs->has(t.blobs()[1]));
    // …but nothing that reads or publishes takes the revoked token, not even now.
    CHECK(f.http->get(kPreflight, belo).status == 401);
    const HttpReply manifest = f.pushManifest(t, belo);
    CHECK(manifest.status == 401);
    CHECK(f.store->countRows(QStringLiteral("revisions")).value() == 0);
    // Past the window the photo upload reads the database again: refused, not stored.
    f.clock.advanceSecs(1);
    const HttpReply late = putPhoto(2);
    CHECK(late.status == 401);
    CHECK_FALSE(f.blobs->has(t.blobs()[2]));
}

TEST_CASE("TokenCache: an answer kept less than its window, never one from the future, bounded in size")
{
    hub::TokenCache cache(5000, 2);
    const QDateTime t0 = hubNow();
    hub::TokenRecord a;
    a.id = QStringLiteral("aaaa");
    hub::TokenRecord b;
    b.id = QStringLiteral("bbbb");
    cache.keep(QStringLiteral("ha"), a, t0);
    REQUIRE(cache.find(QStringLiteral("ha"), t0.addMSecs(4999)).has_value());
    CHECK(cache.find(QStringLiteral("ha"), t0.addMSecs(4999))->id == a.id);
    CHECK_FALSE(cache.find(QStringLiteral("ha"), t0.addMSecs(5000)).has_value());
    CHECK_FALSE(cache.find(QStringLiteral("ha"), t0.addSecs(-1)).has_value()); // the clock went back
    CHECK_FALSE(cache.find(QStringLiteral("hb"), t0).has_value());
    // Full: the stale answers go first; when none is stale, all go.
    cache.keep(QStringLiteral("hb"), b, t0.addSecs(10));
    cache.keep(QStringLiteral("hc"), a, t0.addSecs(10)); // "ha" was stale: dropped, "hb" stays
    CHECK(cache.find(QStringLiteral("hb"), t0.addSecs(10)).has_value());
    CHECK(cache.find(QStringLiteral("hc"), t0.addSecs(10)).has_value());
    cache.keep(QStringLiteral("hd"), b, t0.addSecs(11)); // none stale: emptied, then kept
    CHECK_FALSE(cache.find(QStringLiteral("hb"), t0.addSecs(11)).has_value());
    CHECK(cache.find(QStringLiteral("hd"), t0.addSecs(11)).has_value());
}

TEST_CASE("A token's last use is written once a minute per hub process, not once per server thread")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    hub::HubDispatcher first(*f.hub);
    hub::HubDispatcher second(*f.hub, first); // another thread's, as HubServer makes them
    hub::HubRequest headers;
    headers.method = "GET";
    headers.path = kPreflight;
    headers.headers << qMakePair(QByteArrayLiteral("Authorization"), "Bearer " + belo.toUtf8());
    headers.peer = QHostAddress::LocalHost;
    const auto lastSeen = [&] {
        auto tokens = f.store->tokens();
        REQUIRE(tokens.ok());
        REQUIRE(tokens->size() == 1);
        return tokens->first().lastSeen;
    };

    REQUIRE(first.admit(headers, 0).admitted);
    CHECK(lastSeen() == f.clock.now());
    // Marked older behind the hub's back: only a write would bring it back to now.
    const QDateTime older = f.clock.now().addSecs(-3600);
    REQUIRE(f.store->touchToken(tokenId(belo), older).ok());
    f.clock.advanceSecs(30);
    REQUIRE(second.admit(headers, 0).admitted);
    CHECK(lastSeen() == older); // the other thread knows it was written 30 s ago
    f.clock.advanceSecs(30);
    REQUIRE(second.admit(headers, 0).admitted);
    CHECK(lastSeen() == f.clock.now()); // a minute later: written again
}
