// The regional pull (docs/protocol.md §10.2): a URS copies its municipalities'
// revisions, manifests and photos — and nothing of another region's, with the same
// 404 for another region's photo as for an unknown one. A municipality's token
// gets 403.
#include "tests/hub/hub_test_util.h"

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
