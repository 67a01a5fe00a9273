// The regional pull (docs/protocol.md §10.2): a URS copies its municipalities'
// revisions, manifests and photos — and nothing of another region's, with the same
// 404 for another region's photo as for an unknown one. A municipality's token
// gets 403.
#include "tests/hub/hub_test_util.h"

#include "sync/protocol_pull.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

QJsonArray pulled(HubFixture &f, const QString &token, qint64 since, qint64 *next = nullptr)
{
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/revisions?since=%1").arg(since), token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    if (next)
        *next = qint64(r.json().value(QStringLiteral("next")).toDouble());
    return r.json().value(QStringLiteral("revisions")).toArray();
}

} // namespace

TEST_CASE("Pull: a URS lists its municipalities' revisions with a cursor, and a change lists one again")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);         // URS Belo Horizonte
    const QString barbacena = f.enrollMunicipality(kBarbacena); // URS Barbacena
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const TestReport ours = makeReport(kBelo, 41, 2);
    const TestReport theirs = makeReport(kBarbacena, 42, 1);
    const sync::Receipt receipt = f.push(ours, belo);
    f.push(theirs, barbacena);

    qint64 next = 0;
    const QJsonArray first = pulled(f, urs, 0, &next);
    REQUIRE(first.size() == 1);
    const QJsonObject r = first.at(0).toObject();
    CHECK(r.value(QStringLiteral("report")).toString() == ours.report.uuid);
    CHECK(r.value(QStringLiteral("municipality")).toString() == kBelo);
    CHECK(r.value(QStringLiteral("period")).toString() == ours.report.period.key());
    CHECK(r.value(QStringLiteral("revision")).toInt() == 1);
    CHECK(r.value(QStringLiteral("hubId")).toString() == receipt.hubId);
    CHECK(r.value(QStringLiteral("manifestSha256")).toString() == receipt.manifestSha256);
    CHECK(r.value(QStringLiteral("state")).toString() == QStringLiteral("received"));
    CHECK(next == qint64(r.value(QStringLiteral("cursor")).toDouble()));
    CHECK(pulled(f, urs, next).isEmpty());

    // Reviewed: the revision comes again, with its new state, after the cursor.
    REQUIRE(
        hub::ReviewDesk(*f.hub)
            .review(ours.report.uuid, false, QStringLiteral("Falta a foto da ação 2."), QStringLiteral("Ana"))
            .ok());
    qint64 after = 0;
    const QJsonArray again = pulled(f, urs, next, &after);
    REQUIRE(again.size() == 1);
    CHECK(again.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("returned"));
    CHECK(again.at(0).toObject().value(QStringLiteral("comment")).toString() ==
          QStringLiteral("Falta a foto da ação 2."));
    CHECK(after > next);

    // The central level sees both municipalities.
    CHECK(pulled(f, f.enrollCentral(), 0).size() >= 2);
    // A municipality's token copies nothing.
    const HttpReply refused = f.http->get(QStringLiteral("/api/v1/revisions"), belo);
    CHECK(refused.status == 403);
    CHECK(refused.errorCode() == QStringLiteral("forbidden"));
}

TEST_CASE("Pull: a manifest comes byte for byte with its hash, a photo only when a revision of the region names it")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const TestReport ours = makeReport(kBelo, 43, 1);
    const TestReport theirs = makeReport(kBarbacena, 44, 1);
    const sync::Receipt receipt = f.push(ours, belo);
    f.push(theirs, barbacena);

    const HttpReply manifest = f.http->get(ours.path(), urs);
    REQUIRE(manifest.status == 200);
    CHECK(manifest.body == ours.manifest);
    CHECK(manifest.header("ETag") == '"' + receipt.manifestSha256.toLatin1() + '"');
    CHECK(f.http->get(theirs.path(), urs).status == 404); // another region's: as if unknown
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/%1/revisions/1").arg(core::newUuid()), urs).status == 404);
    CHECK(f.http->get(ours.path(), belo).status == 403);

    const QByteArray photo = ours.photos.constFirst();
    const QString sha = core::BlobStore::sha256Hex(photo);
    const HttpReply got = f.http->get(QStringLiteral("/api/v1/blobs/") + sha, urs);
    REQUIRE(got.status == 200);
    CHECK(got.body == photo);
    CHECK(got.header("ETag") == '"' + sha.toLatin1() + '"');
    CHECK(got.header("Cache-Control").contains("immutable"));
    CHECK(got.header("Content-Type") == "application/octet-stream");

    // Another region's photo and a photo the hub never had: the same 404.
    const HttpReply other =
        f.http->get(QStringLiteral("/api/v1/blobs/") + core::BlobStore::sha256Hex(theirs.photos.constFirst()), urs);
    const HttpReply unknown = f.http->get(QStringLiteral("/api/v1/blobs/") + QStringLiteral("c").repeated(64), urs);
    CHECK(other.status == 404);
    CHECK(unknown.status == 404);
    CHECK(other.body == unknown.body);
    CHECK(f.http->get(QStringLiteral("/api/v1/blobs/") + sha, belo).status == 403);
}

TEST_CASE(
    "Pull: many manifests in one request, another region's and unknown ones missing, a bad list refused")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const TestReport first = makeReport(kBelo, 45, 1);
    const TestReport second = makeReport(kBelo, 46, 2);
    const TestReport theirs = makeReport(kBarbacena, 47, 1);
    f.push(first, belo);
    f.push(second, belo);
    f.push(theirs, barbacena);
    const sync::RevisionRef unknown{core::newUuid(), 1};
    const QList<sync::RevisionRef> asked{{second.report.uuid, 1},
                                         {theirs.report.uuid, 1},
                                         unknown,
                                         {first.report.uuid, 1},
                                         {first.report.uuid, 2}};
    const QString route = QStringLiteral("/api/v1/revisions/manifests");

    const HttpReply r = f.http->post(route, sync::encodeManifestQuery(asked), urs);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    auto batch = sync::decodeManifestBatch(r.body);
    REQUIRE(batch.ok());
    // In the order asked, byte for byte; another region's and unknown ones as missing,
    // with a revision that does not exist.
    REQUIRE(batch->manifests.size() == 2);
    CHECK(batch->manifests.at(0).first == asked.at(0));
    CHECK(batch->manifests.at(0).second == second.manifest);
    CHECK(batch->manifests.at(1).first == asked.at(3));
    CHECK(batch->manifests.at(1).second == first.manifest);
    CHECK(batch->missing == QList<sync::RevisionRef>{asked.at(1), unknown, asked.at(4)});

    // The central level has the other region's too; a municipality gets 403.
    auto central = sync::decodeManifestBatch(
        f.http->post(route, sync::encodeManifestQuery(asked), f.enrollCentral()).body);
    REQUIRE(central.ok());
    CHECK(central->manifests.size() == 3);
    CHECK(f.http->post(route, sync::encodeManifestQuery(asked), belo).status == 403);
    CHECK(f.http->get(route, urs).status == 405);

    // A list that is empty, too long, repeats an entry or names no revision: 400.
    QList<sync::RevisionRef> tooMany;
    for (int i = 0; i <= sync::kManifestBatchMax; ++i)
        tooMany << sync::RevisionRef{core::newUuid(), 1};
    for (const QByteArray &bad : {sync::encodeManifestQuery({}), sync::encodeManifestQuery(tooMany),
                                  sync::encodeManifestQuery({asked.at(0), asked.at(0)}),
                                  sync::encodeManifestQuery({{first.report.uuid, 0}}), QByteArray("[1,2]")}) {
        INFO(bad.left(80).toStdString());
        const HttpReply refused = f.http->post(route, bad, urs);
        CHECK(refused.status == 400);
        CHECK(refused.errorCode() == QStringLiteral("bad_request"));
    }
    // A hundred at once is fine.
    CHECK(f.http->post(route, sync::encodeManifestQuery(tooMany.mid(1)), urs).status == 200);

    // Offered in the pre-flight; an older hub offers it not, and has no such route.
    const HttpReply preflight = f.http->get(QStringLiteral("/api/v1/preflight"), urs);
    CHECK(preflight.json()
              .value(QStringLiteral("features"))
              .toArray()
              .contains(QStringLiteral("manifest_batch")));
    hub::HubOptions older;
    older.manifestBatch = false;
    HubFixture old({}, older);
    const QString oldUrs = old.enrollUrs(QStringLiteral("Belo Horizonte"));
    CHECK_FALSE(old.http->get(QStringLiteral("/api/v1/preflight"), oldUrs)
                    .json()
                    .value(QStringLiteral("features"))
                    .toArray()
                    .contains(QStringLiteral("manifest_batch")));
    CHECK(old.http->post(route, sync::encodeManifestQuery(asked), oldUrs).status == 404);
}

TEST_CASE("Pull: a batch of manifests stops at its size bound with at least one, the rest neither given nor "
          "missing")
{
    QList<TestReport> reports;
    for (int i = 0; i < 4; ++i)
        reports << makeReport(kBelo, 48 + i, 1 + i);
    // Room for the first two manifests, not the third.
    hub::HubOptions options;
    options.manifestBatchBytes = reports.at(0).manifest.size() + reports.at(1).manifest.size();
    HubFixture f({}, options);
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    QList<sync::RevisionRef> asked{{core::newUuid(), 1}}; // missing: costs nothing
    for (const TestReport &t : reports) {
        f.push(t, belo);
        asked << sync::RevisionRef{t.report.uuid, 1};
    }
    const QString route = QStringLiteral("/api/v1/revisions/manifests");
    auto batch = sync::decodeManifestBatch(f.http->post(route, sync::encodeManifestQuery(asked), urs).body);
    REQUIRE(batch.ok());
    CHECK(batch->missing == QList<sync::RevisionRef>{asked.at(0)});
    REQUIRE(batch->manifests.size() == 2);
    CHECK(batch->manifests.at(0).second == reports.at(0).manifest);
    CHECK(batch->manifests.at(1).second == reports.at(1).manifest);

    // With a bound smaller than any manifest, one a request still comes.
    hub::HubOptions tiny;
    tiny.manifestBatchBytes = 1;
    HubFixture g({}, tiny);
    const QString gBelo = g.enrollMunicipality(kBelo);
    g.push(reports.at(2), gBelo);
    g.push(reports.at(3), gBelo);
    auto one = sync::decodeManifestBatch(g.http
                                             ->post(route, sync::encodeManifestQuery(asked.mid(3)),
                                                    g.enrollUrs(QStringLiteral("Belo Horizonte")))
                                             .body);
    REQUIRE(one.ok());
    REQUIRE(one->manifests.size() == 1);
    CHECK(one->manifests.at(0).second == reports.at(2).manifest);
    CHECK(one->missing.isEmpty());
}
