// Imports with provenance and batches to the central level on the hub
// (docs/protocol.md §10.4, §10.5): PUT /api/v1/imports/<sha256>, PUT and GET
// /api/v1/batches/<uuid>, their scopes and idempotency, the revisions becoming
// `forwarded` in the municipalities' feed, and schema 5's migration.
#include "tests/hub/hub_batch_test_util.h"

#include "sync/protocol_pull.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

sync::PullPage pull(HubFixture &f, const QString &token)
{
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/revisions"), token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    auto page = sync::decodePullPage(r.body);
    REQUIRE(page.ok());
    return page.value();
}

} // namespace

TEST_CASE("Imports: a URS imports a municipality's package with provenance, and the same package again is the same "
          "receipt")
{
    HubFixture f;
    const QString urs = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 81);
    const QByteArray package = packageBytes(t, f.dir.path());

    const auto preflight = sync::decodePreflight(f.http->get(QStringLiteral("/api/v1/preflight"), urs).body);
    REQUIRE(preflight.ok());
    CHECK(preflight->features.contains(QStringLiteral("imports")));
    CHECK(preflight->features.contains(QStringLiteral("batches")));

    const HttpReply first = putImport(f, package, urs);
    INFO(first.body.toStdString());
    REQUIRE(first.status == 201);
    auto receipt = sync::decodeReceipt(first.body);
    REQUIRE(receipt.ok());
    CHECK(receipt->report == t.uuid());
    CHECK(receipt->manifestSha256 == sha256Hex(t.manifest));
    for (const QString &blob : t.blobs())
        CHECK(f.blobs->has(blob));

    const HttpReply again = putImport(f, package, urs);
    CHECK(again.status == 200);
    CHECK(again.body == first.body);

    // The pull says how it came and who received it.
    const sync::PullPage page = pull(f, urs);
    REQUIRE(page.revisions.size() == 1);
    CHECK(page.revisions[0].via == QStringLiteral("import"));
    CHECK(page.revisions[0].receivedBy.urs == kBeloUrs);
    CHECK(page.revisions[0].receivedBy.label.contains(QStringLiteral("PC da SMS")));
    CHECK_FALSE(page.revisions[0].receivedBy.installation.isEmpty());

    // The municipality sees it like its own push, and its own push of it is the same receipt.
    const QString belo = f.enrollMunicipality(kBelo);
    REQUIRE(f.status(belo).events.size() == 1);
    const HttpReply push = f.pushManifest(t, belo);
    CHECK(push.status == 200);
    CHECK(sync::decodeReceipt(push.body).value().hubId == receipt->hubId);

    // A pushed revision is listed as a push, without receivedBy.
    const TestReport pushed = makeReport(kNeves, 82);
    f.push(pushed, f.enrollMunicipality(kNeves));
    const sync::PullPage both = pull(f, urs);
    REQUIRE(both.revisions.size() == 2);
    CHECK(both.revisions[1].via == QStringLiteral("push"));
    CHECK(both.revisions[1].receivedBy.isEmpty());
    CHECK(f.http->get(QStringLiteral("/api/v1/revisions"), urs).json()
              .value(QStringLiteral("revisions")).toArray().at(1).toObject()
              .value(QStringLiteral("receivedBy")).isUndefined());
}

TEST_CASE("Imports: another URS, a municipality, no token and a broken package are refused, nothing stored")
{
    HubFixture f;
    const TestReport t = makeReport(kBelo, 83);
    const QByteArray package = packageBytes(t, f.dir.path());
    const auto nothingStored = [&] {
        auto report = f.store->report(t.uuid());
        REQUIRE(report.ok());
        CHECK_FALSE(report.value().has_value());
        for (const QString &blob : t.blobs())
            CHECK_FALSE(f.blobs->has(blob));
    };

    const HttpReply other = putImport(f, package, f.enrollUrs(QStringLiteral("Barbacena")));
    CHECK(other.status == 404);
    CHECK(other.errorCode() == QStringLiteral("not_found"));
    const HttpReply municipality = putImport(f, package, f.enrollMunicipality(kBelo));
    CHECK(municipality.status == 403);
    CHECK(municipality.errorCode() == QStringLiteral("forbidden"));
    CHECK(putImport(f, package, QString()).status == 401);
    nothingStored();

    const QString urs = f.enrollUrs(kBeloUrs);
    // One byte changed inside the file (the name follows the new bytes): the checksums refuse it.
    QByteArray broken = package;
    const qsizetype at = broken.indexOf(QByteArray("photo 83-0"));
    REQUIRE(at > 0);
    broken[at + 1] = 'P';
    const HttpReply corrupt = putImport(f, broken, urs);
    CHECK(corrupt.status == 400);
    CHECK(corrupt.errorCode() == QStringLiteral("corrupt_package"));
    CHECK(corrupt.isJsonError());
    // Bytes that do not hash to the address.
    const HttpReply mismatch =
        f.http->put(QStringLiteral("/api/v1/imports/") + sha256Hex("other"), package, urs, "application/octet-stream");
    CHECK(mismatch.status == 422);
    CHECK(mismatch.errorCode() == QStringLiteral("hash_mismatch"));
    const HttpReply junk = putImport(f, QByteArray("not a zip"), urs);
    CHECK(junk.status == 400);
    CHECK(junk.errorCode() == QStringLiteral("not_a_package"));
    nothingStored();

    // The central level imports any municipality's package.
    CHECK(putImport(f, package, f.enrollCentral()).status == 201);
    // A different package of the same revision is a conflict.
    TestReport changed = t;
    changed.report.actions[0].values.insert(QStringLiteral("place"), QStringLiteral("Outro bairro"));
    changed.encode();
    TempDir elsewhere;
    const HttpReply conflict = putImport(f, packageBytes(changed, elsewhere.path()), urs);
    CHECK(conflict.status == 409);
    CHECK(conflict.errorCode() == QStringLiteral("revision_conflict"));
}

TEST_CASE("Batches: a URS forwards its accepted revisions, the municipalities' feed shows it, a re-send is small")
{
    HubFixture f;
    const QString urs = f.enrollUrs(kBeloUrs);
    const QString belo = f.enrollMunicipality(kBelo);
    const TestReport a = makeReport(kBelo, 84);
    const TestReport b = makeReport(kNeves, 85);
    f.push(a, belo);
    f.push(b, f.enrollMunicipality(kNeves));
    acceptRevision(f, a, urs);
    acceptRevision(f, b, urs);
    const qint64 before = f.status(belo).next;

    f.clock.advanceSecs(60);
    const sync::Batch batch = batchOf(kBeloUrs, {&a, &b});
    const HttpReply sent = putBatch(f, batch, urs);
    INFO(sent.body.toStdString());
    REQUIRE(sent.status == 201);
    auto receipt = sync::decodeBatchReceipt(sent.body);
    REQUIRE(receipt.ok());
    CHECK(receipt->batch == batch.uuid);
    CHECK(receipt->hubId == QStringLiteral("b-000001"));
    CHECK(receipt->count == 2);
    CHECK(receipt->receivedAt == hubNow().addSecs(60));
    CHECK(revisionState(f, a) == QStringLiteral("forwarded"));
    CHECK(revisionState(f, b) == QStringLiteral("forwarded"));

    // The municipality sees "forwarded", by whom; the URS's pull lists it again.
    const sync::StatusPage page = f.status(belo, before);
    REQUIRE(page.events.size() == 1);
    CHECK(page.events[0].state == QStringLiteral("forwarded"));
    CHECK(page.events[0].report == a.uuid());
    CHECK(page.events[0].by == batch.createdBy);
    CHECK(pull(f, urs).revisions.constLast().state == QStringLiteral("forwarded"));

    // The same batch again: the same receipt, one small request.
    const QByteArray body = sync::encode(batch);
    const HttpReply again = putBatch(f, batch, urs);
    CHECK(again.status == 200);
    CHECK(again.body == sent.body);
    CHECK(body.size() + again.body.size() < 2048);
    CHECK(f.status(belo, before).events.size() == 1);

    // Its state; who may read it.
    const HttpReply got = f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, urs);
    REQUIRE(got.status == 200);
    auto status = sync::decodeBatchStatus(got.body);
    REQUIRE(status.ok());
    CHECK(status->state == QStringLiteral("received"));
    CHECK(status->receipt.hubId == receipt->hubId);
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, f.enrollCentral()).status == 200);
    const QString barbacena = f.enrollUrs(QStringLiteral("Barbacena"));
    const HttpReply otherUrs = f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, barbacena);
    CHECK(otherUrs.status == 404);
    CHECK(otherUrs.body == f.http->get(QStringLiteral("/api/v1/batches/") + core::newUuid(), barbacena).body);
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, belo).status == 403);
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid).status == 401);

    // The same uuid with other content.
    sync::Batch other = batch;
    other.createdBy = QStringLiteral("Outra pessoa");
    const HttpReply conflict = putBatch(f, other, urs);
    CHECK(conflict.status == 409);
    CHECK(conflict.errorCode() == QStringLiteral("batch_conflict"));
    // Forwarded revisions are not forwarded again by another batch.
    const HttpReply twice = putBatch(f, batchOf(kBeloUrs, {&a}), urs);
    CHECK(twice.status == 409);
    CHECK(twice.errorCode() == QStringLiteral("batch_refused"));
    const auto stored = f.store->batches();
    REQUIRE(stored.ok());
    CHECK(stored->size() == 1);
}

TEST_CASE("Batches: one revision not accepted refuses the whole batch and nothing is stored")
{
    HubFixture f;
    const QString urs = f.enrollUrs(kBeloUrs);
    const QString belo = f.enrollMunicipality(kBelo);
    const TestReport a = makeReport(kBelo, 86);
    const TestReport b = makeReport(kNeves, 87);
    f.push(a, belo);
    f.push(b, f.enrollMunicipality(kNeves));
    acceptRevision(f, a, urs);
    const qint64 before = f.status(belo).next;

    const sync::Batch batch = batchOf(kBeloUrs, {&a, &b});
    const HttpReply refused = putBatch(f, batch, urs);
    INFO(refused.body.toStdString());
    REQUIRE(refused.status == 409);
    CHECK(refused.errorCode() == QStringLiteral("batch_refused"));
    const QList<sync::BatchRefusal> list = sync::decodeBatchRefused(refused.body);
    REQUIRE(list.size() == 1);
    CHECK(list[0].report == b.uuid());
    CHECK(list[0].state == QStringLiteral("received"));
    CHECK(list[0].reason == QStringLiteral("not_accepted"));
    CHECK(revisionState(f, a) == QStringLiteral("accepted"));
    CHECK(f.store->batches().value().isEmpty());
    CHECK(f.status(belo, before).events.isEmpty());
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, urs).status == 404);

    // Another URS's revisions look unknown; another content is named as such.
    const QString barbacena = f.enrollUrs(QStringLiteral("Barbacena"));
    const HttpReply foreign = putBatch(f, batchOf(QStringLiteral("Barbacena"), {&a}), barbacena);
    CHECK(foreign.status == 409);
    REQUIRE(sync::decodeBatchRefused(foreign.body).size() == 1);
    CHECK(sync::decodeBatchRefused(foreign.body)[0].state == QStringLiteral("not_found"));
    sync::Batch changed = batchOf(kBeloUrs, {&a});
    changed.revisions[0].manifestSha256 = sha256Hex("other");
    CHECK(sync::decodeBatchRefused(putBatch(f, changed, urs).body).value(0).reason == QStringLiteral("other_content"));

    // Scopes: a batch naming another URS, a municipality, no token; the central level
    // on behalf of a URS the reference table does not know.
    CHECK(putBatch(f, batchOf(kBeloUrs, {&a}), barbacena).status == 403);
    CHECK(putBatch(f, batchOf(kBeloUrs, {&a}), belo).status == 403);
    CHECK(putBatch(f, batchOf(kBeloUrs, {&a}), QString()).status == 401);
    const HttpReply unknownUrs = putBatch(f, batchOf(QStringLiteral("Atlântida"), {&a}), f.enrollCentral());
    CHECK(unknownUrs.status == 422);
    CHECK(unknownUrs.errorCode() == QStringLiteral("unknown_urs"));
    CHECK(f.store->batches().value().isEmpty());
    // A body that is not a batch, or names another uuid.
    CHECK(f.http->put(QStringLiteral("/api/v1/batches/") + core::newUuid(), "{}", urs).status == 400);
    CHECK(f.http->put(QStringLiteral("/api/v1/batches/") + core::newUuid(), sync::encode(batchOf(kBeloUrs, {&a})), urs)
              .errorCode() == QStringLiteral("path_mismatch"));

    // Accepted now, the same batch goes.
    acceptRevision(f, b, urs);
    CHECK(putBatch(f, batch, urs).status == 201);
}

TEST_CASE(
    "Batches: the central level sends a URS's batch file on its behalf, with the same rules and receipt")
{
    HubFixture f;
    const QString urs = f.enrollUrs(kBeloUrs);
    const QString central = f.enrollCentral();
    const QString belo = f.enrollMunicipality(kBelo);
    const TestReport a = makeReport(kBelo, 88);
    const TestReport b = makeReport(kNeves, 89);
    f.push(a, belo);
    f.push(b, f.enrollMunicipality(kNeves));
    acceptRevision(f, a, urs);
    const qint64 before = f.status(belo).next;

    // A revision the URS has not accepted is refused as from the URS; nothing stored.
    const HttpReply refused = putBatch(f, batchOf(kBeloUrs, {&a, &b}), central);
    REQUIRE(refused.status == 409);
    CHECK(refused.errorCode() == QStringLiteral("batch_refused"));
    CHECK(f.store->batches().value().isEmpty());
    // Another URS's reports look unknown.
    const HttpReply foreign = putBatch(f, batchOf(QStringLiteral("Barbacena"), {&a}), central);
    REQUIRE(foreign.status == 409);
    CHECK(sync::decodeBatchRefused(foreign.body).value(0).state == QStringLiteral("not_found"));

    // The URS's accepted report (its name in capitals): recorded for that URS, by its own name.
    sync::Batch batch = batchOf(kBeloUrs, {&a});
    batch.urs = kBeloUrs.toUpper();
    const HttpReply sent = putBatch(f, batch, central);
    INFO(sent.body.toStdString());
    REQUIRE(sent.status == 201);
    CHECK(revisionState(f, a) == QStringLiteral("forwarded"));
    const sync::StatusPage page = f.status(belo, before);
    REQUIRE(page.events.size() == 1);
    CHECK(page.events[0].state == QStringLiteral("forwarded"));
    auto stored = f.store->batches();
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    CHECK(stored->first().batch.urs == kBeloUrs);
    CHECK(stored->first().via == QStringLiteral("file"));
    // The URS reads it as its own; the same batch again is the same receipt.
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch.uuid, urs).status == 200);
    const HttpReply again = putBatch(f, batch, central);
    CHECK(again.status == 200);
    CHECK(again.body == sent.body);
}

TEST_CASE("Schema 5: a database of schema 4 migrates keeping its revisions, which count as pushes")
{
    HubFixture f;
    f.stop();
    if (testDbUrl().isEmpty()) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(f.dir.filePath(hub::HubStore::fileName() + QLatin1String(suffix)));
    } else {
        emptyTestDb(testDbUrl());
    }
    const TestReport a = makeReport(kBelo, 88);
    const TestReport b = makeReport(kNeves, 89);
    {
        auto old = hub::HubStore::openAtVersion(f.dir.path(), testDbUrl(), 4);
        INFO((old ? QString() : old.error().message).toStdString());
        REQUIRE(old.ok());
        REQUIRE(old.value()->schemaVersion() == 4);
        for (const TestReport *t : std::initializer_list<const TestReport *>{&a, &b}) {
            const hub::ReportRecord report{t->uuid(), t->report.municipality, t->report.programId,
                                           t->report.period.key()};
            REQUIRE(old.value()
                        ->insertRevision(report, kBeloUrs, 1, t->manifest, sha256Hex(t->manifest), hubNow())
                        .ok());
        }
    }
    f.start();
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    auto listed = f.store->listRevisions({}, std::nullopt);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    for (const hub::ListedRevision &r : listed.value()) {
        CHECK(r.revision.via == QStringLiteral("push"));
        CHECK(r.revision.receivedBy.isEmpty());
    }
    const QString urs = f.enrollUrs(kBeloUrs);
    const sync::PullPage page = pull(f, urs);
    REQUIRE(page.revisions.size() == 2);
    CHECK(page.revisions[0].via == QStringLiteral("push"));

    // The old revisions go in a batch; ids go on.
    acceptRevision(f, a, urs);
    acceptRevision(f, b, urs);
    const HttpReply sent = putBatch(f, batchOf(kBeloUrs, {&a, &b}), urs);
    REQUIRE(sent.status == 201);
    CHECK(sync::decodeBatchReceipt(sent.body).value().hubId == QStringLiteral("b-000001"));
    CHECK(putImport(f, packageBytes(makeReport(kBelo, 90), f.dir.path()), urs).status == 201);
    CHECK(f.store->revisions(a.uuid()).value().constFirst().hubId == QStringLiteral("r-000001"));
}
