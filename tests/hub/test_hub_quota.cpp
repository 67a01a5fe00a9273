// Issue 8 ("Trust II"): what one token may store, and what a push may learn. A token's photos
// that no revision of its scope names yet ("unattached": what collection removes after its
// grace) are bounded by a per-token quota, checked on the declared size before the body is
// read; photos a revision names count toward nothing. A push counts a photo as present only
// when its municipality may know it, so its `missing` list is no existence oracle.
#include "sync/hub/hub.h"
#include "sync/hub/hub_dispatch.h"
#include "tests/hub/hub_test_util.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

HttpReply putPhoto(HubFixture &f, const QByteArray &bytes, const QString &token)
{
    return f.http->put(QStringLiteral("/api/v1/blobs/") + sha256Hex(bytes), bytes, token, "image/jpeg");
}

hub::HubOptions smallQuota(qint64 bytes)
{
    hub::HubOptions o;
    o.quotaBytes = bytes;
    return o;
}

// A report of `municipality` whose photos are `photos` (bytes), one action each.
TestReport reportWithPhotos(const QString &municipality, const QList<QByteArray> &photos, int seed)
{
    TestReport t = makeReport(municipality, seed, int(photos.size()));
    for (qsizetype i = 0; i < photos.size(); ++i) {
        core::Photo &p = t.report.actions[i].photos[0];
        p.sha256 = sha256Hex(photos[i]);
        p.bytes = photos[i].size();
        t.photos[i] = photos[i];
    }
    t.encode();
    return t;
}

} // namespace

TEST_CASE("A token's photos awaiting their report are bounded by its quota, a report's photos count toward "
          "nothing")
{
    const TestReport a = makeReport(kBelo, 11, 2); // two photos of about 2 KB
    const TestReport b = makeReport(kBelo, 12, 1);
    const qint64 aBytes = a.photos[0].size() + a.photos[1].size();
    HubFixture f({}, smallQuota(aBytes + b.photos[0].size() - 1));
    const QString belo = f.enrollMunicipality(kBelo);
    const QString laptop = f.enrollMunicipality(kBelo);

    for (const QByteArray &bytes : a.photos)
        CHECK(putPhoto(f, bytes, belo).status == 201);
    // One more photo would pass the quota: refused, nothing stored, and the words say what to do.
    const HttpReply refused = putPhoto(f, b.photos[0], belo);
    INFO(refused.body.toStdString());
    CHECK(refused.status == 413);
    CHECK(refused.errorCode() == QStringLiteral("quota_exceeded"));
    CHECK(refused.isJsonError());
    CHECK(refused.json()
              .value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("URS")));
    CHECK_FALSE(f.blobs->has(b.blobs()[0]));
    // A photo the token already sent costs nothing more; another installation has its own quota.
    CHECK(putPhoto(f, a.photos[0], belo).status == 200);
    CHECK(putPhoto(f, b.photos[0], laptop).status == 201);
    CHECK(hub::BlobDesk(*f.hub).unattachedBytes(hub::TokenDesk(*f.hub).authenticate(belo).value()).value() ==
          aBytes);

    // The report that names them arrives: its photos are attached and count toward nothing.
    const HttpReply pushed = f.pushManifest(a, belo);
    INFO(pushed.body.toStdString());
    REQUIRE(pushed.status == 201);
    CHECK(hub::BlobDesk(*f.hub).unattachedBytes(hub::TokenDesk(*f.hub).authenticate(belo).value()).value() ==
          0);
    CHECK(putPhoto(f, b.photos[0], belo).status == 201);
    CHECK(hub::BlobDesk(*f.hub).unattachedBytes(hub::TokenDesk(*f.hub).authenticate(belo).value()).value() ==
          b.photos[0].size());

    // BlobDesk::put (a transport without streaming) applies the same quota.
    const TestReport c = makeReport(kBelo, 13, 2);
    const hub::TokenRecord record = hub::TokenDesk(*f.hub).authenticate(belo).value();
    REQUIRE(hub::BlobDesk(*f.hub).put(record, c.blobs()[0], c.photos[0]).ok());
    auto over = hub::BlobDesk(*f.hub).put(record, c.blobs()[1], c.photos[1]);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().body.code == QStringLiteral("quota_exceeded"));
}

TEST_CASE("A photo over the token's quota is refused from its headers, before its body is read")
{
    HubFixture f({}, smallQuota(10000));
    const QString belo = f.enrollMunicipality(kBelo);
    hub::HubDispatcher dispatcher(*f.hub);
    hub::HubRequest headers;
    headers.method = "PUT";
    headers.path = QStringLiteral("/api/v1/blobs/") + QString(64, QLatin1Char('b'));
    headers.headers << qMakePair(QByteArrayLiteral("Authorization"), "Bearer " + belo.toUtf8());
    headers.peer = QHostAddress::LocalHost;

    hub::HubDispatcher::Admission big = dispatcher.admit(headers, 10001);
    CHECK_FALSE(big.admitted);
    CHECK(big.refusal.status == 413);
    CHECK(big.refusal.body.contains("quota_exceeded"));
    hub::HubDispatcher::Admission fits = dispatcher.admit(headers, 10000);
    CHECK(fits.admitted);
    CHECK(fits.quotaChecked);
    // No declared size (chunked): the size is checked once the body arrived, before it is kept.
    hub::HubDispatcher::Admission chunked = dispatcher.admit(headers, -1);
    REQUIRE(chunked.admitted);
    CHECK_FALSE(chunked.quotaChecked);
    hub::HubRequest body = headers;
    body.body = QByteArray(10001, 'x');
    const hub::HubResponse late = dispatcher.complete(chunked, body);
    CHECK(late.status == 413);
    CHECK(late.body.contains("quota_exceeded"));
}

TEST_CASE("A push counts as present only the photos its municipality may know: the missing list is no "
          "existence oracle")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString beloLaptop = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const TestReport beloReport = makeReport(kBelo, 21, 1);
    f.putBlobs(beloReport, belo);
    const QByteArray beloPhoto = beloReport.photos[0];

    // Barbacena names Belo's photo (its hash is all it has) and one of its own.
    const TestReport own = makeReport(kBarbacena, 22, 1);
    f.putBlobs(own, barbacena);
    const TestReport probe = reportWithPhotos(kBarbacena, {beloPhoto, own.photos[0]}, 23);
    const HttpReply answer = f.pushManifest(probe, barbacena);
    INFO(answer.body.toStdString());
    REQUIRE(answer.status == 409);
    CHECK(answer.errorCode() == QStringLiteral("missing_blobs"));
    const QJsonArray missing =
        answer.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("missing")).toArray();
    // Exactly as for a photo that exists nowhere.
    CHECK(missing == QJsonArray{sha256Hex(beloPhoto)});
    const TestReport nowhere = reportWithPhotos(kBarbacena, {QByteArray("never sent"), own.photos[0]}, 24);
    const HttpReply absent = f.pushManifest(nowhere, barbacena);
    REQUIRE(absent.status == 409);
    CHECK(
        absent.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("missing")).toArray() ==
        QJsonArray{sha256Hex(QByteArray("never sent"))});

    // Another installation of Belo may push a report whose photos the first one uploaded.
    const HttpReply laptopPush = f.pushManifest(beloReport, beloLaptop);
    INFO(laptopPush.body.toStdString());
    CHECK(laptopPush.status == 201);
    // Once Barbacena sends the same bytes itself, its push goes through.
    CHECK(putPhoto(f, beloPhoto, barbacena).status == 201);
    CHECK(f.pushManifest(probe, barbacena).status == 201);
}
