// The central level's consolidation on the hub (docs/protocol.md §10.7): on a
// forwarded revision it consolidates, or returns the report to the URS with a
// comment; the URS then decides again (returns it to the municipality, or
// accepts and forwards it in a new batch). Only the central level's token makes
// these two decisions; a batch is `consolidated` once none of its revisions is
// left forwarded; schema 7 migrates a schema 6 database in place.
#include "tests/hub/hub_batch_test_util.h"

#include "sync/protocol_pull.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

sync::ReviewDecision decisionOn(const TestReport &t, const QString &decision, const QString &comment = {},
                                const QString &reviewer = QStringLiteral("Clara (SES-MG)"))
{
    sync::ReviewDecision d;
    d.uuid = core::newUuid();
    d.report = t.uuid();
    d.revision = t.report.revision;
    d.manifestSha256 = sha256Hex(t.manifest);
    d.decision = decision;
    d.comment = comment;
    d.reviewer = reviewer;
    d.decidedAt = hubNow();
    return d;
}

HttpReply send(HubFixture &f, const sync::ReviewDecision &d, const QString &token)
{
    return f.http->put(QStringLiteral("/api/v1/reviews/") + d.uuid, sync::encode(d), token);
}

QString batchState(HubFixture &f, const sync::Batch &b, const QString &token)
{
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/batches/") + b.uuid, token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    return r.json().value(QStringLiteral("state")).toString();
}

// The states of `report` in the token's status feed, in order.
QStringList feedStates(HubFixture &f, const QString &token, const QString &report,
                       QStringList *comments = nullptr)
{
    QStringList out;
    for (const sync::StatusEvent &e : f.status(token).events)
        if (e.report == report) {
            out << e.state;
            if (comments)
                *comments << e.comment;
        }
    return out;
}

struct Forwarded
{
    HubFixture f;
    QString belo, urs, central;
    TestReport a = makeReport(kBelo, 91);
    TestReport b = makeReport(kBelo, 92);
    sync::Batch batch;

    Forwarded()
    {
        belo = f.enrollMunicipality(kBelo);
        urs = f.enrollUrs(kBeloUrs);
        central = f.enrollCentral();
        f.push(a, belo);
        f.push(b, belo);
        acceptRevision(f, a, urs);
        acceptRevision(f, b, urs);
        batch = batchOf(kBeloUrs, {&a, &b});
        const HttpReply r = putBatch(f, batch, urs);
        INFO(r.body.toStdString());
        REQUIRE(r.status == 201);
        REQUIRE(revisionState(f, a) == QStringLiteral("forwarded"));
    }
};

} // namespace

TEST_CASE(
    "Consolidation: only the central level consolidates a forwarded revision, and the batch is consolidated "
    "when all of it is decided")
{
    Forwarded w;
    HubFixture &f = w.f;

    const auto preflight = sync::decodePreflight(f.http->get(QStringLiteral("/api/v1/preflight"), w.central).body);
    REQUIRE(preflight.ok());
    CHECK(preflight->features.contains(QStringLiteral("consolidation")));

    // Not the URS's nor the municipality's decision; the URS is told why.
    const HttpReply byUrs = send(f, decisionOn(w.a, QStringLiteral("consolidate")), w.urs);
    CHECK(byUrs.status == 403);
    CHECK(sync::decodeError(byUrs.body).value().message.contains(QStringLiteral("central")));
    CHECK(send(f, decisionOn(w.a, QStringLiteral("consolidate")), w.belo).status == 403);
    CHECK(revisionState(f, w.a) == QStringLiteral("forwarded"));

    f.clock.advanceSecs(60);
    const sync::ReviewDecision consolidate = decisionOn(w.a, QStringLiteral("consolidate"));
    const HttpReply done = send(f, consolidate, w.central);
    INFO(done.body.toStdString());
    REQUIRE(done.status == 201);
    CHECK(sync::decodeDecisionAnswer(done.body).value().state == QStringLiteral("consolidated"));
    CHECK(revisionState(f, w.a) == QStringLiteral("consolidated"));
    // The same decision again is the same answer; another one on it is refused with who won.
    const HttpReply again = send(f, consolidate, w.central);
    CHECK(again.status == 200);
    CHECK(again.body == done.body);
    const HttpReply late =
        send(f, decisionOn(w.a, QStringLiteral("return_to_urs"), QStringLiteral("Ver fotos.")), w.central);
    CHECK(late.status == 409);
    CHECK(sync::decodeStateChanged(late.body).value().state == QStringLiteral("consolidated"));

    // One of two decided: the batch is still being analysed.
    CHECK(batchState(f, w.batch, w.urs) == QStringLiteral("received"));
    REQUIRE(send(f, decisionOn(w.b, QStringLiteral("consolidate")), w.central).status == 201);
    CHECK(batchState(f, w.batch, w.urs) == QStringLiteral("consolidated"));
    CHECK(batchState(f, w.batch, w.central) == QStringLiteral("consolidated"));

    // The municipality's feed and the URS's pull say it.
    CHECK(feedStates(f, w.belo, w.a.uuid()) ==
          QStringList{QStringLiteral("received"), QStringLiteral("accepted"), QStringLiteral("forwarded"),
                      QStringLiteral("consolidated")});
    const HttpReply pulled = f.http->get(QStringLiteral("/api/v1/revisions"), w.urs);
    auto page = sync::decodePullPage(pulled.body);
    REQUIRE(page.ok());
    QSet<QString> consolidated; // a revision is listed again at each change, in its state now
    for (const auto &r : page->revisions)
        if (r.state == QLatin1String("consolidated"))
            consolidated.insert(r.report);
    CHECK(consolidated == QSet<QString>{w.a.uuid(), w.b.uuid()});
}

TEST_CASE(
    "Consolidation: a consolidation needs a forwarded revision, and a return to the URS needs a comment")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const QString central = f.enrollCentral();
    const TestReport t = makeReport(kBelo, 93);
    f.push(t, belo);
    // Received, then accepted: not yet at the central level.
    CHECK(send(f, decisionOn(t, QStringLiteral("consolidate")), central).status == 409);
    acceptRevision(f, t, urs);
    const HttpReply early = send(f, decisionOn(t, QStringLiteral("consolidate")), central);
    CHECK(early.status == 409);
    CHECK(sync::decodeStateChanged(early.body).value().state == QStringLiteral("accepted"));
    REQUIRE(putBatch(f, batchOf(kBeloUrs, {&t}), urs).status == 201);
    const HttpReply blank =
        send(f, decisionOn(t, QStringLiteral("return_to_urs"), QStringLiteral("   ")), central);
    CHECK(blank.status == 422);
    CHECK(sync::decodeError(blank.body).value().code == QStringLiteral("comment_required"));
    CHECK(revisionState(f, t) == QStringLiteral("forwarded"));
}

TEST_CASE(
    "Consolidation: a report returned to the URS goes back to the municipality with the thread, and its "
    "correction comes up again")
{
    Forwarded w;
    HubFixture &f = w.f;
    f.clock.advanceSecs(60);
    const sync::ReviewDecision back =
        decisionOn(w.a, QStringLiteral("return_to_urs"), QStringLiteral("Ação 2: a foto não mostra a ação."));
    const HttpReply r = send(f, back, w.central);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 201);
    CHECK(revisionState(f, w.a) == QStringLiteral("returned_to_urs"));
    // One of the batch's two decided: still being analysed.
    CHECK(batchState(f, w.batch, w.urs) == QStringLiteral("received"));
    REQUIRE(send(f, decisionOn(w.b, QStringLiteral("consolidate")), w.central).status == 201);
    CHECK(batchState(f, w.batch, w.urs) == QStringLiteral("consolidated"));

    // A URS cannot send it back to itself, nor forward it as it is.
    CHECK(send(f, decisionOn(w.a, QStringLiteral("return_to_urs"), QStringLiteral("x")), w.urs).status ==
          403);
    const HttpReply reforward = putBatch(f, batchOf(kBeloUrs, {&w.a}), w.urs);
    CHECK(reforward.status == 409);

    // The URS returns it to the municipality, saying what the central level said.
    f.clock.advanceSecs(60);
    sync::ReviewDecision toMunicipality = decisionOn(
        w.a, QStringLiteral("return"), QStringLiteral("Nível central: a foto da ação 2 não mostra a ação."),
        QStringLiteral("Maria (URS BH)"));
    toMunicipality.seen = QStringLiteral("returned_to_urs");
    REQUIRE(send(f, toMunicipality, w.urs).status == 201);
    CHECK(revisionState(f, w.a) == QStringLiteral("returned"));
    QStringList comments;
    CHECK(feedStates(f, w.belo, w.a.uuid(), &comments) ==
          QStringList{QStringLiteral("received"), QStringLiteral("accepted"), QStringLiteral("forwarded"),
                      QStringLiteral("returned_to_urs"), QStringLiteral("returned")});
    CHECK(comments.constLast() == toMunicipality.comment);

    // One thread: the central level's decision, by whom, then the URS's.
    const HttpReply h = f.http->get(QStringLiteral("/api/v1/reports/%1/history").arg(w.a.uuid()), w.belo);
    auto history = sync::decodeHistory(h.body);
    REQUIRE(history.ok());
    REQUIRE(history->size() == 5);
    CHECK(history->at(3).state == QStringLiteral("returned_to_urs"));
    CHECK(history->at(3).by == QStringLiteral("Clara (SES-MG)"));
    CHECK(history->at(3).comment == back.comment);
    CHECK(history->at(4).by == QStringLiteral("Maria (URS BH)"));

    // The corrected revision goes the whole way again.
    TestReport a2 = w.a;
    a2.report.revision = 2;
    a2.encode();
    f.push(a2, w.belo);
    acceptRevision(f, a2, w.urs);
    sync::Batch second = batchOf(kBeloUrs, {&a2});
    REQUIRE(putBatch(f, second, w.urs).status == 201);
    REQUIRE(send(f, decisionOn(a2, QStringLiteral("consolidate")), w.central).status == 201);
    CHECK(revisionState(f, a2) == QStringLiteral("consolidated"));
    CHECK(batchState(f, second, w.central) == QStringLiteral("consolidated"));
}

TEST_CASE("Consolidation: the URS may accept again a report the central level returned, and forward it anew")
{
    Forwarded w;
    HubFixture &f = w.f;
    REQUIRE(send(f, decisionOn(w.a, QStringLiteral("return_to_urs"), QStringLiteral("Confirme o público.")),
                 w.central)
                .status == 201);
    // A decision made before the return (it does not say it saw it) does not overrule it.
    const HttpReply stale = send(f, decisionOn(w.a, QStringLiteral("accept"), {}, QStringLiteral("Maria")), w.urs);
    CHECK(stale.status == 409);
    CHECK(sync::decodeStateChanged(stale.body).value().state == QStringLiteral("returned_to_urs"));
    // Start and accept both leave from returned_to_urs, when made on it.
    sync::ReviewDecision start = decisionOn(w.a, QStringLiteral("start"), {}, QStringLiteral("Maria"));
    start.seen = QStringLiteral("returned_to_urs");
    REQUIRE(send(f, start, w.urs).status == 201);
    CHECK(revisionState(f, w.a) == QStringLiteral("in_review"));
    acceptRevision(f, w.a, w.urs);
    sync::Batch again = batchOf(kBeloUrs, {&w.a});
    REQUIRE(putBatch(f, again, w.urs).status == 201);
    CHECK(revisionState(f, w.a) == QStringLiteral("forwarded"));
    // The first batch is decided once its other report is, though a is forwarded again (by
    // the second batch): the central level decided a for the first batch when it returned it.
    f.clock.advanceSecs(60);
    REQUIRE(send(f, decisionOn(w.b, QStringLiteral("consolidate")), w.central).status == 201);
    CHECK(batchState(f, w.batch, w.urs) == QStringLiteral("consolidated"));
    CHECK(batchState(f, again, w.urs) == QStringLiteral("received"));
    f.clock.advanceSecs(60);
    REQUIRE(send(f, decisionOn(w.a, QStringLiteral("consolidate")), w.central).status == 201);
    CHECK(revisionState(f, w.a) == QStringLiteral("consolidated"));
    CHECK(batchState(f, again, w.urs) == QStringLiteral("consolidated"));
}

TEST_CASE("Schema 7: a database of schema 6 migrates keeping its revisions, ids, decisions and indexes")
{
    HubFixture f;
    f.stop();
    if (testDbUrl().isEmpty()) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(f.dir.filePath(hub::HubStore::fileName() + QLatin1String(suffix)));
    } else {
        emptyTestDb(testDbUrl());
    }
    const TestReport a = makeReport(kBelo, 94);
    const TestReport b = makeReport(kBelo, 95);
    {
        auto old = hub::HubStore::openAtVersion(f.dir.path(), testDbUrl(), 6);
        INFO((old ? QString() : old.error().message).toStdString());
        REQUIRE(old.ok());
        hub::HubStore &store = *old.value();
        REQUIRE(store.schemaVersion() == 6);
        for (const TestReport *t : {&a, &b}) {
            const hub::ReportRecord report{t->uuid(), kBelo, t->report.programId, t->report.period.key()};
            REQUIRE(store.insertRevision(report, kBeloUrs, 1, t->manifest, sha256Hex(t->manifest), hubNow())
                        .ok());
        }
        QSqlQuery q(store.db());
        // The states schema 6 did not know are refused there.
        CHECK_FALSE(
            q.exec(QStringLiteral("UPDATE revisions SET state = 'returned_to_urs' WHERE report = '%1'")
                       .arg(a.uuid())));
        REQUIRE(q.exec(
            QStringLiteral("UPDATE revisions SET state = 'forwarded' WHERE report = '%1'").arg(a.uuid())));
        // A deleted last row: its id must not come back.
        REQUIRE(store
                    .insertRevision(hub::ReportRecord{core::newUuid(), kBelo, a.report.programId,
                                                      QStringLiteral("2025-02")},
                                    kBeloUrs, 1, b.manifest, sha256Hex(b.manifest), hubNow())
                    .ok());
        REQUIRE(q.exec(QStringLiteral("DELETE FROM revisions WHERE id = (SELECT max(id) FROM revisions)")));
    }
    f.start();
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    auto first = f.store->revision(a.uuid(), 1);
    REQUIRE(first.ok());
    REQUIRE(first.value().has_value());
    CHECK(first.value()->hubId == QStringLiteral("r-000001"));
    CHECK(first.value()->state == QStringLiteral("forwarded"));
    CHECK(first.value()->manifest == a.manifest);

    const QString belo = f.enrollMunicipality(kBelo);
    const QString central = f.enrollCentral();
    const HttpReply r =
        send(f, decisionOn(a, QStringLiteral("return_to_urs"), QStringLiteral("Rever.")), central);
    INFO(r.body.toStdString());
    CHECK(r.status == 201);
    CHECK(revisionState(f, a) == QStringLiteral("returned_to_urs"));
    // Ids go on past the deleted one.
    CHECK(f.push(makeReport(kBelo, 96), belo).hubId == QStringLiteral("r-000004"));
    if (testDbUrl().isEmpty()) {
        QSqlQuery q(f.store->db());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                      "name = 'review_decisions_revision'")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 1);
    }
}
