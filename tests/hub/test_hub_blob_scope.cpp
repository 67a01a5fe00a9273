// blobs/missing is no existence oracle (issue 8): a photo counts as present for a token only
// when a stored revision within the token's scope names it or that very token uploaded it (and
// it was not collected since). The hub records who uploaded what (blob_uploads, with the size,
// for per-token quotas) and which photos each report names (report_blobs, schema 2).
#include "core/store/sql.h"
#include "sync/hub/hub.h"
#include "tests/hub/hub_test_util.h"

#include <QSqlQuery>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

hub::TokenRecord recordOf(HubFixture &f, const QString &token)
{
    auto r = hub::TokenDesk(*f.hub).authenticate(token);
    REQUIRE(r.ok());
    return r.value();
}

QStringList missingFor(HubFixture &f, const hub::TokenRecord &token, const QStringList &names)
{
    auto m = hub::BlobDesk(*f.hub).missing(token, names);
    INFO((m ? QString() : m.error().body.message).toStdString());
    REQUIRE(m.ok());
    return m.value();
}

QByteArray compactQuery(const QStringList &names)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("blobs"), QJsonArray::fromStringList(names)}})
        .toJson(QJsonDocument::Compact);
}

int countOf(HubFixture &f, const QString &sql, const QVariantList &args)
{
    auto v = core::scalarSql(f.store->db(), sql, args);
    REQUIRE(v.ok());
    return v.value().toInt();
}

} // namespace

TEST_CASE("blobs/missing answers a token only about the photos it uploaded or its scope's reports name")
{
    HubFixture f;
    const QString beloToken = f.enrollMunicipality(kBelo);
    const hub::TokenRecord belo = recordOf(f, beloToken);
    const hub::TokenRecord beloLaptop = recordOf(f, f.enrollMunicipality(kBelo));
    const hub::TokenRecord barbacena = recordOf(f, f.enrollMunicipality(kBarbacena));
    const hub::TokenRecord ursBelo = recordOf(f, f.enrollUrs(QStringLiteral("Belo Horizonte")));
    const hub::TokenRecord ursBarbacena = recordOf(f, f.enrollUrs(QStringLiteral("Barbacena")));
    const hub::TokenRecord central = recordOf(f, f.enrollCentral());
    const TestReport t = makeReport(kBelo, 1);
    const QStringList names = t.blobs();

    CHECK(missingFor(f, belo, names) == names);
    for (const QByteArray &bytes : t.photos) {
        auto put = hub::BlobDesk(*f.hub).put(belo, sha256Hex(bytes), bytes);
        REQUIRE(put.ok());
        CHECK(put->created);
        CHECK(put->bytes == bytes.size());
    }
    CHECK(missingFor(f, belo, names).isEmpty());
    // The files are on the hub, yet no one else learns it: not another municipality, not another
    // installation of Belo (it uploaded nothing), not a URS nor the central level (no revision
    // names them yet).
    for (const hub::TokenRecord &other : {beloLaptop, barbacena, ursBelo, central})
        CHECK(missingFor(f, other, names) == names);
    // The token-less answer (what the dispatcher called before) knew every blob on the hub.
    CHECK(hub::BlobDesk(*f.hub).missing(names).value().isEmpty());

    // Storing the same bytes tells another municipality nothing either: "created", like new.
    auto same = hub::BlobDesk(*f.hub).put(barbacena, names[0], t.photos[0]);
    REQUIRE(same.ok());
    CHECK(same->created);
    CHECK(missingFor(f, barbacena, names) == QStringList{names[1]});
    auto repeat = hub::BlobDesk(*f.hub).put(belo, names[0], t.photos[0]);
    REQUIRE(repeat.ok());
    CHECK_FALSE(repeat->created); // its own upload: "already there"
    CHECK(countOf(f, QStringLiteral("SELECT bytes FROM blob_uploads WHERE sha256 = ? AND token_id = ?"),
                  {names[0], belo.id}) == t.photos[0].size());
    CHECK(countOf(f, QStringLiteral("SELECT count(*) FROM blob_uploads WHERE sha256 = ?"), {names[0]}) == 2);

    // Once Belo's revision is stored, its scope knows them: Belo's other installation, its URS,
    // the central level; never another URS.
    const HttpReply pushed = f.pushManifest(t, beloToken);
    INFO(pushed.body.toStdString());
    REQUIRE(pushed.status == 201);
    for (const hub::TokenRecord &scoped : {beloLaptop, ursBelo, central})
        CHECK(missingFor(f, scoped, names).isEmpty());
    CHECK(missingFor(f, ursBarbacena, names) == names);

    // Each name once, in the order asked; a name never uploaded stays missing.
    const QString unknown(64, QLatin1Char('a'));
    CHECK(missingFor(f, beloLaptop, {unknown, names[1], unknown, names[0], names[1]}) ==
          QStringList{unknown});
    CHECK(missingFor(f, beloLaptop, {}).isEmpty());
}

TEST_CASE("blobs/missing answers 5,000 names in one pass, known ones anywhere in the list")
{
    HubFixture f;
    const hub::TokenRecord belo = recordOf(f, f.enrollMunicipality(kBelo));
    const TestReport t = makeReport(kBelo, 4, 3);
    for (const QByteArray &bytes : t.photos)
        REQUIRE(hub::BlobDesk(*f.hub).put(belo, sha256Hex(bytes), bytes).ok());

    QStringList names;
    QStringList expected;
    for (int i = 0; i < 4997; ++i) {
        const QString name = sha256Hex(QByteArray::number(i));
        names << name;
        expected << name;
        if (i == 0 || i == 1200 || i == 4996) // the uploaded ones early, in the middle, last
            names << t.blobs().at(i == 0 ? 0 : (i == 1200 ? 1 : 2));
        if (i % 7 == 0)
            names << name; // a repeated name is answered once
    }
    REQUIRE(names.size() > 5000);
    const QStringList missing = missingFor(f, belo, names);
    CHECK(missing.size() == 4997);
    CHECK(missing == expected);
}

TEST_CASE(
    "A collected photo is no longer present for the token that uploaded it, and its upload is forgotten")
{
    HubFixture f;
    const hub::TokenRecord belo = recordOf(f, f.enrollMunicipality(kBelo));
    const TestReport abandoned = makeReport(kBelo, 2, 1);
    const QString orphan = abandoned.blobs().constFirst();
    REQUIRE(hub::BlobDesk(*f.hub).put(belo, orphan, abandoned.photos.constFirst()).ok());
    CHECK(missingFor(f, belo, {orphan}).isEmpty());

    REQUIRE(hub::BlobDesk(*f.hub).collect().ok()); // first seen unreferenced
    f.clock.advanceSecs(hub::BlobDesk::kGraceSeconds);
    auto collected = hub::BlobDesk(*f.hub).collect();
    REQUIRE(collected.ok());
    CHECK(collected->deleted == QStringList{orphan});
    CHECK(missingFor(f, belo, {orphan}) == QStringList{orphan});
    CHECK(countOf(f, QStringLiteral("SELECT count(*) FROM blob_uploads WHERE sha256 = ?"), {orphan}) == 0);
}

TEST_CASE(
    "Schema 2 fills report_blobs from the revisions stored before it, so old reports' photos stay known")
{
    HubFixture f;
    const QString beloToken = f.enrollMunicipality(kBelo);
    const TestReport t = makeReport(kBelo, 5);
    f.push(t, beloToken);
    // The database as schema 1 left it (without schema 3's token columns nor schema 4's
    // review tables nor schema 5's batches nor schema 6's partners' cursor nor schema 8's
    // targets nor schema 9's programs either; schema 4 rebuilds the revisions again, harmlessly).
    {
        QSqlQuery q(f.store->db());
        for (const char *table : {"tokens", "enrollment_codes"})
            for (const char *column : {"program", "uf"})
                REQUIRE(q.exec(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                                   .arg(QLatin1String(table), QLatin1String(column))));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE targets")));
        REQUIRE(q.exec(QStringLiteral("DROP INDEX partners_seq")));
        REQUIRE(q.exec(QStringLiteral("DROP INDEX partners_municipality_seq")));
        REQUIRE(q.exec(QStringLiteral("ALTER TABLE partners DROP COLUMN seq")));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE batch_revisions")));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE batches")));
        for (const char *column : {"via", "received_by_urs", "received_by_installation", "received_by_label"})
            REQUIRE(q.exec(QStringLiteral("ALTER TABLE revisions DROP COLUMN ") + QLatin1String(column)));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE review_decisions")));
        REQUIRE(q.exec(QStringLiteral("DROP INDEX status_events_report")));
        for (const char *column : {"notes", "reviewer", "decision", "installation"})
            REQUIRE(q.exec(QStringLiteral("ALTER TABLE status_events DROP COLUMN ") + QLatin1String(column)));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE blob_uploads")));
        REQUIRE(q.exec(QStringLiteral("DROP TABLE report_blobs")));
        REQUIRE(q.exec(QStringLiteral("DROP INDEX tokens_rotated_from")));
        REQUIRE(q.exec(QStringLiteral("ALTER TABLE tokens DROP COLUMN rotated_from")));
        REQUIRE(q.exec(QStringLiteral("ALTER TABLE tokens DROP COLUMN replaced_at")));
        REQUIRE(q.exec(QStringLiteral("DELETE FROM hub_schema WHERE version >= 2")));
    }
    f.stop();
    f.start();
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    CHECK(f.preflightStatus(beloToken) == 200); // schema 3 keeps the tokens working
    CHECK(countOf(f, QStringLiteral("SELECT count(*) FROM report_blobs WHERE report = ?"), {t.uuid()}) == 2);
    const hub::TokenRecord laptop = recordOf(f, f.enrollMunicipality(kBelo));
    CHECK(missingFor(f, laptop, t.blobs()).isEmpty());
}

// Through HTTP: the dispatcher asks with the token.
TEST_CASE("blobs/missing over HTTP: another municipality's photos are missing for a token")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const TestReport t = makeReport(kBelo, 6);
    f.putBlobs(t, belo);
    const QByteArray query = compactQuery(t.blobs());
    const HttpReply own = f.http->post(QStringLiteral("/api/v1/blobs/missing"), query, belo);
    REQUIRE(own.status == 200);
    CHECK(own.json().value(QStringLiteral("missing")).toArray().isEmpty());
    const HttpReply other = f.http->post(QStringLiteral("/api/v1/blobs/missing"), query, barbacena);
    REQUIRE(other.status == 200);
    CHECK(other.json().value(QStringLiteral("missing")).toArray().size() == 2);
    // Storing the same bytes answers 201 to the other municipality, as for a new photo.
    CHECK(f.http->put(QStringLiteral("/api/v1/blobs/") + t.blobs()[0], t.photos[0], barbacena, "image/jpeg")
              .status == 201);
    CHECK(f.http->put(QStringLiteral("/api/v1/blobs/") + t.blobs()[0], t.photos[0], belo, "image/jpeg")
              .status == 200);
}
