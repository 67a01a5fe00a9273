// The hub over HTTP (docs/protocol.md §2–§7): the real HubServer on 127.0.0.1. Bad
// requests, rate limits and the access log are in test_hub_server_edges.cpp.
#include "sync/hub/hub_secrets.h"
#include "tests/hub/hub_test_util.h"

#include <QRegularExpression>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

QJsonObject partnerJson(const QString &uuid, const QString &municipality, const QString &updatedAt,
                        const QString &name = QStringLiteral("Associação Bairro Vivo"))
{
    return QJsonObject{{QStringLiteral("uuid"), uuid},
                       {QStringLiteral("kind"), QStringLiteral("person")},
                       {QStringLiteral("governmental"), false},
                       {QStringLiteral("formal"), false},
                       {QStringLiteral("sector"), QStringLiteral("saude")},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("municipality"), municipality},
                       {QStringLiteral("stage"), QStringLiteral("active")},
                       {QStringLiteral("stageHistory"), QJsonArray{}},
                       {QStringLiteral("document"), QStringLiteral("52998224725")},
                       {QStringLiteral("consent"), QJsonObject{{QStringLiteral("given"), false}}},
                       {QStringLiteral("contactName"), QStringLiteral("José da Silva")},
                       {QStringLiteral("phones"), QJsonArray{QStringLiteral("+5531999990000")}},
                       {QStringLiteral("email"), QStringLiteral("jose@example.org")},
                       {QStringLiteral("updatedAt"), updatedAt}};
}

} // namespace

TEST_CASE("Enrollment: a one-time code gives a token that opens the pre-flight, once")
{
    HubFixture f;
    // Without a token, or with a made-up one: 401, and the answer proves nothing exists.
    HttpReply anonymous = f.http->get(kPreflight);
    CHECK(anonymous.status == 401);
    CHECK(anonymous.errorCode() == QStringLiteral("unauthorized"));
    CHECK(anonymous.header("WWW-Authenticate") == "Bearer");
    CHECK(f.http->get(kPreflight, hub::secrets::newToken()).status == 401);

    sync::Scope scope;
    scope.municipality = kBarbacena;
    auto issued = hub::TokenDesk(*f.hub).issueCode(scope, QStringLiteral("SMS Barbacena"));
    REQUIRE(issued.ok());
    CHECK(QRegularExpression(
              QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"))
              .match(issued->code)
              .hasMatch());
    CHECK(issued->expiresAt == hubNow().addDays(14));

    // Typed in lower case without hyphens: still the code.
    QString typed = issued->code.toLower();
    typed.remove(QLatin1Char('-'));
    const HttpReply first =
        f.http->post(kEnroll, sync::encode(sync::EnrollRequest{typed, core::newUuid(), {}}));
    REQUIRE(first.status == 201);
    auto enrolled = sync::decodeEnrollResponse(first.body);
    REQUIRE(enrolled.ok());
    CHECK(enrolled->scope.kind == sync::Scope::Kind::Municipality);
    CHECK(enrolled->scope.municipality == kBarbacena);
    CHECK(enrolled->hub.id == QStringLiteral("urs-teste"));
    CHECK(enrolled->token.size() == 43);

    // The code works once; unknown and expired codes get the very same answer.
    const HttpReply second = f.http->post(kEnroll, sync::encode(sync::EnrollRequest{issued->code, {}, {}}));
    CHECK(second.status == 401);
    CHECK(second.errorCode() == QStringLiteral("invalid_code"));
    const HttpReply unknown =
        f.http->post(kEnroll, sync::encode(sync::EnrollRequest{QStringLiteral("AAAA-BBBB-CCCC"), {}, {}}));
    CHECK(unknown.status == 401);
    CHECK(unknown.body == second.body);
    auto later = hub::TokenDesk(*f.hub).issueCode(scope, {});
    REQUIRE(later.ok());
    f.clock.advanceSecs(15 * 24 * 3600);
    const HttpReply expired = f.http->post(kEnroll, sync::encode(sync::EnrollRequest{later->code, {}, {}}));
    CHECK(expired.status == 401);
    CHECK(expired.body == second.body);

    // The token opens the pre-flight: the hub proves it is the hub and tells its limits.
    const HttpReply preflight = f.http->get(kPreflight, enrolled->token);
    REQUIRE(preflight.status == 200);
    auto decoded = sync::decodePreflight(preflight.body);
    REQUIRE(decoded.ok());
    CHECK(decoded->scope.municipality == kBarbacena);
    CHECK(decoded->hub.name == QStringLiteral("URS Teste"));
    CHECK(decoded->limits.maxBlobBytes == 8LL * 1024 * 1024);
    CHECK(decoded->time == f.clock.now());

    // The store keeps only the hash; revoking closes the door.
    auto tokens = f.store->tokens();
    REQUIRE(tokens.ok());
    REQUIRE(tokens->size() == 1);
    CHECK(tokens->first().id == hub::secrets::tokenHash(enrolled->token).left(8));
    CHECK(tokens->first().lastSeen.isValid());
    REQUIRE(f.store->revokeToken(tokens->first().id, f.clock.now()).ok());
    CHECK(f.http->get(kPreflight, enrolled->token).status == 401);
}

TEST_CASE("Blobs: the hub lists what it lacks and stores a photo only when its hash matches")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    const TestReport t = makeReport(kBelo);
    const QStringList names = t.blobs();

    HttpReply missing = f.http->post(kMissing, sync::encodeMissingQuery(names), token);
    REQUIRE(missing.status == 200);
    auto answer = sync::decodeMissingAnswer(missing.body);
    REQUIRE(answer.ok());
    CHECK(answer.value() == names);

    // Bytes that do not hash to the name: 422, nothing stored (no temporary left either).
    const HttpReply mismatch =
        f.http->put(QStringLiteral("/api/v1/blobs/") + names[0], t.photos[1], token, "image/jpeg");
    CHECK(mismatch.status == 422);
    CHECK(mismatch.errorCode() == QStringLiteral("hash_mismatch"));
    CHECK_FALSE(f.blobs->has(names[0]));
    CHECK_FALSE(f.blobs->has(names[1]));
    CHECK(filesUnder(f.blobs->dir()).isEmpty());

    const HttpReply bad = f.http->put(QStringLiteral("/api/v1/blobs/ABC"), t.photos[0], token, "image/jpeg");
    CHECK(bad.status == 400);
    CHECK(bad.errorCode() == QStringLiteral("bad_name"));

    const HttpReply stored =
        f.http->put(QStringLiteral("/api/v1/blobs/") + names[0], t.photos[0], token, "image/jpeg");
    REQUIRE(stored.status == 201);
    CHECK(stored.json().value(QStringLiteral("sha256")).toString() == names[0]);
    CHECK(stored.json().value(QStringLiteral("bytes")).toInteger() == t.photos[0].size());
    auto onDisk = f.blobs->read(names[0]);
    REQUIRE(onDisk.ok());
    CHECK(onDisk.value() == t.photos[0]);
    CHECK(f.blobs->path(names[0]).endsWith(names[0].left(2) + QLatin1Char('/') + names[0]));

    const HttpReply again =
        f.http->put(QStringLiteral("/api/v1/blobs/") + names[0], t.photos[0], token, "image/jpeg");
    CHECK(again.status == 200);
    CHECK(again.body == stored.body);

    missing = f.http->post(kMissing, sync::encodeMissingQuery(names), token);
    REQUIRE(missing.status == 200);
    CHECK(sync::decodeMissingAnswer(missing.body).value() == QStringList{names[1]});
}

TEST_CASE("A revision is received once: receipt, same receipt again, conflicts refused")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    TestReport t = makeReport(kBelo);

    // Photos first: without them, 409 with the list of what is missing.
    const HttpReply early = f.pushManifest(t, token);
    CHECK(early.status == 409);
    CHECK(early.errorCode() == QStringLiteral("missing_blobs"));
    auto earlyError = sync::decodeError(early.body);
    REQUIRE(earlyError.ok());
    CHECK(earlyError->missing == t.blobs());
    CHECK_FALSE(f.store->report(t.uuid()).value().has_value());

    const sync::Receipt receipt = f.push(t, token);
    CHECK(receipt.hubId == QStringLiteral("r-000001"));
    CHECK(receipt.report == t.uuid());
    CHECK(receipt.revision == 1);
    CHECK(receipt.manifestSha256 == core::BlobStore::sha256Hex(t.manifest));
    CHECK(receipt.state == QStringLiteral("received"));
    CHECK(receipt.receivedAt == hubNow());

    // The same revision again (a lost answer, a crash): 200 with the very same receipt.
    f.clock.advanceSecs(3600);
    const HttpReply repeat = f.pushManifest(t, token);
    CHECK(repeat.status == 200);
    CHECK(repeat.body == sync::encode(receipt));

    // Different content for the same revision: never overwritten.
    TestReport changed = t;
    changed.report.actions[0].values.insert(QStringLiteral("place"), QStringLiteral("Praça da Estação"));
    changed.encode();
    const HttpReply conflict = f.pushManifest(changed, token);
    CHECK(conflict.status == 409);
    CHECK(conflict.errorCode() == QStringLiteral("revision_conflict"));
    auto stored = f.store->revision(t.uuid(), 1);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().has_value());
    CHECK(stored.value()->manifest == t.manifest);
    CHECK(f.store->revisions(t.uuid()).value().size() == 1);

    // The body must be the report the address names.
    const HttpReply mismatch =
        f.http->put(QStringLiteral("/api/v1/reports/%1/revisions/2").arg(t.uuid()), t.manifest, token);
    CHECK(mismatch.status == 400);
    CHECK(mismatch.errorCode() == QStringLiteral("path_mismatch"));

    // A revision lower than the hub's latest is stale.
    TestReport other = makeReport(kBelo, 7);
    other.report.revision = 2;
    other.encode();
    f.push(other, token);
    other.report.revision = 1;
    other.encode();
    const HttpReply stale = f.pushManifest(other, token);
    CHECK(stale.status == 409);
    CHECK(stale.errorCode() == QStringLiteral("stale_revision"));

    // GET the report: its revisions and states.
    const HttpReply view = f.http->get(QStringLiteral("/api/v1/reports/") + t.uuid(), token);
    REQUIRE(view.status == 200);
    CHECK(view.json().value(QStringLiteral("municipality")).toString() == kBelo);
    CHECK(view.json().value(QStringLiteral("period")).toString() == QStringLiteral("2025-03"));
    const QJsonArray revisions = view.json().value(QStringLiteral("revisions")).toArray();
    REQUIRE(revisions.size() == 1);
    CHECK(revisions[0].toObject().value(QStringLiteral("state")).toString() == QStringLiteral("received"));
    CHECK(revisions[0].toObject().value(QStringLiteral("manifestSha256")).toString() ==
          receipt.manifestSha256);
}

TEST_CASE("A revision that fails the program's rules gets 422 with the findings")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    TestReport t = makeReport(kBelo);
    t.report.actions[1].values.remove(QStringLiteral("title"));
    t.report.actions[1].values.insert(QStringLiteral("date"), QStringLiteral("2025-05-02")); // outside March
    t.encode();
    f.putBlobs(t, token);
    const HttpReply r = f.pushManifest(t, token);
    REQUIRE(r.status == 422);
    CHECK(r.errorCode() == QStringLiteral("validation_failed"));
    auto e = sync::decodeError(r.body);
    REQUIRE(e.ok());
    QStringList paths;
    for (const auto &finding : e->findings)
        paths << finding.path;
    CHECK(paths.contains(QStringLiteral("actions[1].fields.title")));
    CHECK(paths.contains(QStringLiteral("actions[1].fields.date")));
    CHECK_FALSE(f.store->report(t.uuid()).value().has_value());

    // A program the hub does not know.
    TestReport unknown = makeReport(kBelo, 3);
    unknown.report.programId = QStringLiteral("programa_inexistente");
    unknown.encode();
    f.putBlobs(unknown, token);
    const HttpReply u = f.pushManifest(unknown, token);
    CHECK(u.status == 422);
    CHECK(u.errorCode() == QStringLiteral("unknown_program"));
}

TEST_CASE("Scopes: a municipality reaches only its own reports, a URS its municipalities")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString neves = f.enrollMunicipality(kNeves);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const QString ursBelo = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString ursBarbacena = f.enrollUrs(QStringLiteral("Barbacena"));
    const QString central = f.enrollCentral();

    const TestReport a = makeReport(kBelo, 1);
    const TestReport b = makeReport(kNeves, 2);
    const TestReport c = makeReport(kBarbacena, 3);
    f.push(a, belo);
    f.push(b, neves);
    f.push(c, barbacena);

    // Pushing another municipality's report: 403; reading it: 404, like an unknown id.
    TestReport foreign = makeReport(kBelo, 9);
    f.putBlobs(foreign, barbacena);
    const HttpReply forbidden = f.pushManifest(foreign, barbacena);
    CHECK(forbidden.status == 403);
    CHECK(forbidden.errorCode() == QStringLiteral("forbidden"));
    const HttpReply hidden = f.http->get(QStringLiteral("/api/v1/reports/") + a.uuid(), barbacena);
    const HttpReply unknown = f.http->get(QStringLiteral("/api/v1/reports/") + core::newUuid(), barbacena);
    CHECK(hidden.status == 404);
    CHECK(hidden.body == unknown.body);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + a.uuid(), belo).status == 200);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + a.uuid(), ursBelo).status == 200);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + a.uuid(), ursBarbacena).status == 404);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + c.uuid(), central).status == 200);

    auto reportsOf = [&](const QString &token) {
        QStringList reports;
        for (const auto &e : f.status(token).events)
            reports << e.report;
        return reports;
    };
    CHECK(reportsOf(belo) == QStringList{a.uuid()});
    CHECK(reportsOf(neves) == QStringList{b.uuid()});
    CHECK(reportsOf(ursBelo) == (QStringList{a.uuid(), b.uuid()}));
    CHECK(reportsOf(ursBarbacena) == QStringList{c.uuid()});
    CHECK(reportsOf(central) == (QStringList{a.uuid(), b.uuid(), c.uuid()}));

    // A wrong token is 401 everywhere, even where the report exists.
    CHECK(
        f.http->get(QStringLiteral("/api/v1/reports/") + a.uuid(), QStringLiteral("x").repeated(43)).status ==
        401);
    CHECK(f.pushManifest(a, QStringLiteral("x").repeated(43)).status == 401);
}

TEST_CASE("Review results flow back through the status feed, with a cursor")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    TestReport t = makeReport(kBelo);
    f.push(t, token);

    sync::StatusPage page = f.status(token);
    REQUIRE(page.events.size() == 1);
    CHECK(page.events[0].state == QStringLiteral("received"));
    const qint64 afterReceived = page.next;
    CHECK(afterReceived == page.events[0].cursor);

    f.clock.advanceSecs(600);
    auto returned = hub::ReviewDesk(*f.hub).review(t.uuid(), false, QStringLiteral("Falta a foto da ação 2."),
                                                   QStringLiteral("ana"));
    REQUIRE(returned.ok());
    CHECK(returned->revision.state == QStringLiteral("returned"));
    // Accepting what was returned is not a legal transition.
    auto illegal = hub::ReviewDesk(*f.hub).review(t.uuid(), true, {}, QStringLiteral("ana"));
    REQUIRE_FALSE(illegal.ok());
    CHECK(illegal.error().code == QStringLiteral("invalid_transition"));
    CHECK_FALSE(hub::ReviewDesk(*f.hub)
                    .review(t.uuid(), false, QStringLiteral("  "), {})
                    .ok()); // a return needs a comment

    page = f.status(token, afterReceived);
    REQUIRE(page.events.size() == 1);
    CHECK(page.events[0].state == QStringLiteral("returned"));
    CHECK(page.events[0].comment == QStringLiteral("Falta a foto da ação 2."));
    CHECK(page.events[0].report == t.uuid());
    CHECK(page.events[0].period == QStringLiteral("2025-03"));
    CHECK(page.events[0].revision == 1);
    CHECK(page.events[0].at == hubNow().addSecs(600));
    CHECK(page.next > afterReceived);
    const sync::StatusPage empty = f.status(token, page.next);
    CHECK(empty.events.isEmpty());
    CHECK(empty.next == page.next);

    // The correction comes back as revision 2 and is accepted.
    t.report.revision = 2;
    t.report.actions[0].values.insert(QStringLiteral("place"), QStringLiteral("Praça da Estação"));
    t.encode();
    f.push(t, token);
    REQUIRE(hub::ReviewDesk(*f.hub).review(t.uuid(), true, {}, QStringLiteral("ana")).ok());
    page = f.status(token, page.next);
    REQUIRE(page.events.size() == 2);
    CHECK(page.events[0].state == QStringLiteral("received"));
    CHECK(page.events[1].state == QStringLiteral("accepted"));
    CHECK(page.events[1].revision == 2);

    const HttpReply view = f.http->get(QStringLiteral("/api/v1/reports/") + t.uuid(), token);
    const QJsonArray revisions = view.json().value(QStringLiteral("revisions")).toArray();
    REQUIRE(revisions.size() == 2);
    CHECK(revisions[0].toObject().value(QStringLiteral("state")).toString() == QStringLiteral("returned"));
    CHECK(revisions[0].toObject().value(QStringLiteral("comment")).toString() ==
          QStringLiteral("Falta a foto da ação 2."));
    CHECK(revisions[1].toObject().value(QStringLiteral("state")).toString() == QStringLiteral("accepted"));

    // Paging: limit=1 walks the feed one event at a time.
    const HttpReply one = f.http->get(QStringLiteral("/api/v1/status?since=0&limit=1"), token);
    REQUIRE(one.status == 200);
    CHECK(sync::decodeStatusPage(one.body).value().events.size() == 1);
    CHECK(f.http->get(QStringLiteral("/api/v1/status?since=abc"), token).status == 400);
}

TEST_CASE("Partners: newest version wins, only shareable data is kept, erasure propagates")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const QString uuid = core::newUuid();
    const QString path = QStringLiteral("/api/v1/partners/") + uuid;

    const HttpReply first = f.http->put(
        path, compactJson(partnerJson(uuid, kBelo, QStringLiteral("2025-03-01T10:00:00Z"))), belo);
    REQUIRE(first.status == 200);
    CHECK(first.json().value(QStringLiteral("applied")).toBool());
    auto stored = f.store->partner(uuid);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().has_value());
    // A person's CPF and contacts without consent never reach the hub's store.
    CHECK_FALSE(stored.value()->json.contains("52998224725"));
    CHECK_FALSE(stored.value()->json.contains("jose@example.org"));
    CHECK_FALSE(stored.value()->json.contains("99990000"));
    CHECK(stored.value()->json.contains("Associação Bairro Vivo"));

    const HttpReply older =
        f.http->put(path,
                    compactJson(partnerJson(uuid, kBelo, QStringLiteral("2025-02-01T10:00:00Z"),
                                            QStringLiteral("Velho"))),
                    belo);
    REQUIRE(older.status == 200);
    CHECK_FALSE(older.json().value(QStringLiteral("applied")).toBool());
    CHECK(older.json().value(QStringLiteral("updatedAt")).toString() ==
          QStringLiteral("2025-03-01T10:00:00Z"));
    const HttpReply newer =
        f.http->put(path,
                    compactJson(partnerJson(uuid, kBelo, QStringLiteral("2025-03-05T10:00:00Z"),
                                            QStringLiteral("Novo nome"))),
                    belo);
    CHECK(newer.json().value(QStringLiteral("applied")).toBool());
    CHECK(f.store->partner(uuid).value().value().json.contains("Novo nome"));

    // Another municipality can neither overwrite nor erase it.
    CHECK(f.http
              ->put(path, compactJson(partnerJson(uuid, kBarbacena, QStringLiteral("2025-04-01T10:00:00Z"))),
                    barbacena)
              .status == 403);
    CHECK(f.http->send("DELETE", path, {}, barbacena).status == 404);
    CHECK(f.http
              ->put(QStringLiteral("/api/v1/partners/") + core::newUuid(),
                    compactJson(partnerJson(uuid, kBelo, QStringLiteral("2025-03-05T10:00:00Z"))), belo)
              .errorCode() == QStringLiteral("path_mismatch"));

    const HttpReply erased = f.http->send("DELETE", path, {}, belo);
    REQUIRE(erased.status == 200);
    CHECK(erased.json().value(QStringLiteral("deleted")).toBool());
    auto tombstone = f.store->partner(uuid);
    REQUIRE(tombstone.value().has_value());
    CHECK(tombstone.value()->deleted);
    CHECK_FALSE(tombstone.value()->json.contains("Novo nome"));
    // An erased partner never comes back.
    const HttpReply revived = f.http->put(
        path, compactJson(partnerJson(uuid, kBelo, QStringLiteral("2030-01-01T00:00:00Z"))), belo);
    CHECK_FALSE(revived.json().value(QStringLiteral("applied")).toBool());
    CHECK(f.store->partner(uuid).value().value().deleted);
}
