// The notes of a URS review that returned a report (docs/protocol.md §6, §10.3):
// stored with the return in one transaction, replaced by a later return, read
// back for the correction (revision r+1) still pointing at the same actions and
// photos; carried by a pass from a fake hub's status feed, and end to end from
// the real hub's review desk.
#include "tests/sync/fake_hub.h"
#include "tests/sync/real_hub_fixture.h"

#include "core/store/sql.h"
#include "sync/client/sync_engine.h"
#include "sync/hub/hub_reviews.h"

#include <QNetworkAccessManager>

using namespace mobiliza;
using core::ReportEvent;
using core::ReportState;
using test::FakeHub;
using test::SyncProfile;

namespace {

// The concluded report sent and received by the hub (its outbox row too).
void receive(SyncProfile &p, const QString &report)
{
    const QString uuid = p.itemOf(report).uuid;
    REQUIRE(p.outbox->markSending(uuid).ok());
    REQUIRE(p.outbox->markReceived(uuid, {QStringLiteral("r-1"), p.clock.now(), p.itemOf(report).manifestSha256}).ok());
}

core::ReturnNotes notesOf(SyncProfile &p, const QString &report)
{
    auto notes = p.services->reports().returnNotes(report);
    REQUIRE(notes.ok());
    return notes.value();
}

core::HubReview returned(const QString &report, int revision, const QList<core::ReviewNote> &notes,
                         const QDateTime &at)
{
    return core::HubReview{report, revision, QStringLiteral("returned"), QStringLiteral("Ver as notas."), at, notes,
                           QStringLiteral("Maria (URS Belo Horizonte)")};
}

} // namespace

TEST_CASE("review notes: kept with the return, replaced by a later one, anchored in the correction")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 3);
    receive(p, report);
    const core::Report sent = p.services->reports().report(report).value();
    REQUIRE(sent.actions.size() == 1);
    const QString action = sent.actions.at(0).uuid;
    const QString photo = sent.actions.at(0).photos.at(1).uuid;
    CHECK(notesOf(p, report).revision == 0); // nothing yet

    const QList<core::ReviewNote> first{{action, photo, QStringLiteral("Foto ilegível")},
                                        {action, {}, QStringLiteral("Falta o público atingido")},
                                        {{}, {}, QStringLiteral("Confira as datas.")}};

    SECTION("a failure storing the notes leaves the return undone")
    {
        REQUIRE(core::execSql(p.services->database().db(),
                              QStringLiteral("CREATE TEMP TRIGGER refuse_notes BEFORE INSERT ON review_notes "
                                             "BEGIN SELECT RAISE(ABORT, 'disk full'); END"))
                    .ok());
        auto applied = p.outbox->applyHubReviews({returned(report, 1, first, p.clock.now())}, 9);
        CHECK_FALSE(applied.ok());
        CHECK(p.stateOf(report) == ReportState::Received);
        CHECK(p.services->reports().report(report)->reviewComment.isEmpty());
        CHECK(p.outbox->statusCursor() == 0);
        CHECK(notesOf(p, report).notes.isEmpty());
    }

    SECTION("the correction sees them, and the next return replaces them")
    {
        // A return of another revision, or an acceptance, stores nothing.
        REQUIRE(p.outbox->applyHubReviews({returned(report, 7, first, p.clock.now())}, 3).ok());
        CHECK(notesOf(p, report).notes.isEmpty());

        REQUIRE(p.outbox->applyHubReviews({returned(report, 1, first, p.clock.now())}, 4).ok());
        CHECK(p.stateOf(report) == ReportState::Returned);
        core::ReturnNotes stored = notesOf(p, report);
        CHECK(stored.revision == 1);
        CHECK(stored.by == QStringLiteral("Maria (URS Belo Horizonte)"));
        CHECK(stored.at == p.clock.now());
        REQUIRE(stored.notes.size() == 3);
        CHECK(stored.notes.at(0).action == action);
        CHECK(stored.notes.at(0).photo == photo);
        CHECK(stored.notes.at(0).text == QStringLiteral("Foto ilegível"));
        CHECK(stored.notes.at(1).photo.isEmpty());
        CHECK(stored.notes.at(2).action.isEmpty());

        // The same page again (the feed re-read) changes nothing.
        REQUIRE(p.outbox->applyHubReviews({returned(report, 1, {}, p.clock.now())}, 4).ok());
        CHECK(notesOf(p, report).notes.size() == 3);

        // Reopened as revision 2: the same actions and photos, so the notes still point at them.
        REQUIRE(p.services->reports().applyEvent(report, ReportEvent::Reopen).ok());
        const core::Report correction = p.services->reports().report(report).value();
        CHECK(correction.revision == 2);
        REQUIRE(correction.actions.size() == 1);
        CHECK(correction.actions.at(0).uuid == action);
        CHECK(correction.actions.at(0).photos.at(1).uuid == photo);
        stored = notesOf(p, report);
        CHECK(stored.revision == 1);
        CHECK(stored.notes.size() == 3);

        // Revision 2 goes and is returned too, with one note: it replaces the three.
        REQUIRE(p.services->reports().conclude(report).ok());
        receive(p, report);
        CHECK(notesOf(p, report).notes.size() == 3); // still the correction of revision 1
        const QDateTime later = p.clock.now().addDays(2);
        REQUIRE(p.outbox->applyHubReviews({returned(report, 2, {{action, {}, QStringLiteral("Ainda sem público")}}, later)},
                                          8)
                    .ok());
        stored = notesOf(p, report);
        CHECK(stored.revision == 2);
        CHECK(stored.at == later);
        REQUIRE(stored.notes.size() == 1);
        CHECK(stored.notes.at(0).text == QStringLiteral("Ainda sem público"));
        CHECK(core::scalarSql(p.services->database().db(), QStringLiteral("SELECT count(*) FROM review_notes"))
                  .value()
                  .toInt() == 1);

        REQUIRE(p.services->reports().applyEvent(report, ReportEvent::Reopen).ok());
        CHECK(notesOf(p, report).revision == 2);
        // Revision 3 is the correction of revision 2: its notes are still the ones read.
        REQUIRE(p.services->reports().conclude(report).ok());
        receive(p, report);
        REQUIRE(p.outbox->applyHubReviews({core::HubReview{report, 3, QStringLiteral("accepted"), {}, later}}, 9).ok());
        CHECK(notesOf(p, report).revision == 2);
    }
}

TEST_CASE("review notes: a pass brings a returned report's notes from the status feed")
{
    SyncProfile p;
    FakeHub hub;
    const QString report = p.concludedReport({2026, 10}, 2);
    QNetworkAccessManager network;
    sync::HubClient client(&network);
    client.setBaseUrl(QUrl(hub.url()));
    client.setToken(hub.token);
    client.setTimeouts({3000, 2000});
    sync::SyncEngine engine(*p.services, *p.outbox, client);
    auto run = [&] {
        std::optional<sync::PassReport> done;
        auto c = QObject::connect(&engine, &sync::SyncEngine::finished, [&](const sync::PassReport &r) { done = r; });
        REQUIRE(engine.start());
        REQUIRE(test::waitFor([&] { return done.has_value(); }, 20'000));
        QObject::disconnect(c);
        return *done;
    };
    REQUIRE(run().sent == 1);

    const core::Report sent = p.services->reports().report(report).value();
    const QString action = sent.actions.at(0).uuid;
    const QString photo = sent.actions.at(0).photos.at(0).uuid;
    sync::StatusEvent e{6, report, QStringLiteral("2026-10"), 1, QStringLiteral("returned"),
                        QStringLiteral("Ação 1, Foto 1: ilegível."), QDateTime(QDate(2026, 11, 24), QTime(10, 12), Qt::UTC)};
    e.notes = {{action, photo, QStringLiteral("ilegível")}, {{}, {}, QStringLiteral("Anexe a lista de presença.")}};
    e.by = QStringLiteral("Maria");
    e.decision = core::newUuid();
    hub.events << e;
    const sync::PassReport r = run();
    CHECK(r.reviewsApplied == 1);
    CHECK(p.stateOf(report) == ReportState::Returned);
    const core::ReturnNotes stored = notesOf(p, report);
    CHECK(stored.revision == 1);
    CHECK(stored.by == QStringLiteral("Maria"));
    CHECK(stored.at == e.at);
    REQUIRE(stored.notes.size() == 2);
    CHECK(stored.notes.at(0).action == action);
    CHECK(stored.notes.at(0).photo == photo);
    CHECK(stored.notes.at(0).text == QStringLiteral("ilegível"));
    CHECK(stored.notes.at(1).text == QStringLiteral("Anexe a lista de presença."));
}

TEST_CASE("review notes: end to end, a return at the real hub's review desk reaches the municipality's correction")
{
    test::InProcessHub h;
    SyncProfile bh(QStringLiteral("3106200"));
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(QStringLiteral("3106200"))).ok());
    const QString report = bh.concludedReport({2026, 10}, 3);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);
    const core::Report sent = bh.services->reports().report(report).value();
    const QString action = sent.actions.at(0).uuid;
    const QString photo = sent.actions.at(0).photos.at(2).uuid;

    sync::ReviewDecision d;
    d.uuid = core::newUuid();
    d.report = report;
    d.revision = 1;
    d.manifestSha256 = bh.itemOf(report).manifestSha256;
    d.decision = sync::review_decision::Return;
    d.comment = QStringLiteral("Ação 1, Foto 3: ilegível.");
    d.notes = {{action, photo, QStringLiteral("Foto 3 ilegível")}, {action, {}, QStringLiteral("Qual escola?")}};
    d.reviewer = QStringLiteral("Maria (URS Belo Horizonte)");
    d.decidedAt = h.clock.now();
    sync::Scope urs;
    urs.kind = sync::Scope::Kind::Urs;
    urs.urs = QStringLiteral("Belo Horizonte");
    auto decided = hub::ReviewDesk(*h.hub).apply(urs, d, QString(), QString());
    INFO((decided ? QString() : decided.error().body.message).toStdString());
    REQUIRE(decided.ok());

    const sync::PassReport learnt = bhClient.controller.runPassBlocking(30'000);
    CHECK(learnt.reviewsApplied == 1);
    CHECK(bh.stateOf(report) == ReportState::Returned);
    REQUIRE(bh.services->reports().applyEvent(report, ReportEvent::Reopen).ok());
    const core::ReturnNotes stored = notesOf(bh, report);
    CHECK(stored.revision == 1);
    CHECK(stored.by == d.reviewer);
    REQUIRE(stored.notes.size() == 2);
    CHECK(stored.notes.at(0).action == action);
    CHECK(stored.notes.at(0).photo == photo);
    CHECK(stored.notes.at(0).text == QStringLiteral("Foto 3 ilegível"));
    CHECK(stored.notes.at(1).photo.isEmpty());
    const core::Report correction = bh.services->reports().report(report).value();
    CHECK(correction.actions.at(0).photos.at(2).uuid == photo);
}
