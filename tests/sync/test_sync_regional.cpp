// The regional part of a sync pass (sync/client/regional_steps.cpp) against the
// real hub in-process: a URS profile pulls its municipalities' revisions, their
// manifests and the newest month's photos; its decisions go up; a decision the
// hub refuses is kept with the reason and never stops the pull.
#include "tests/sync/real_hub_fixture.h"

#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "core/regional/report_history.h"
#include "core/regional/review_outbox.h"
#include "core/services/audit.h"
#include "core/services/outbox_service.h"
#include "sync/client/sync_engine.h"

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;
using mobiliza::test::kUrs;

namespace {

struct UrsProfile
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(15, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    UrsProfile()
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setRole(core::Role::Urs, kUrs).ok());
    }
};

QString stateOf(const core::ReviewOutbox &outbox, const QString &uuid, QString *error = nullptr)
{
    const auto all = outbox.all();
    REQUIRE(all.ok());
    for (const auto &d : all.value())
        if (d.uuid == uuid) {
            if (error)
                *error = d.lastError;
            return d.state;
        }
    return {};
}

} // namespace

TEST_CASE("real hub: a URS pass pulls its replica and sends its decisions, and a refusal never blocks the pull")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString october = bh.concludedReport({2026, 10}, 3);
    const QString september = bh.concludedReport({2026, 9}, 1);
    const sync::PassReport pushed = bhClient.controller.runPassBlocking(30'000);
    REQUIRE(pushed.allConfirmed);
    REQUIRE(pushed.sent == 2);

    // A municipality's code does not set up a URS installation; its URS's code does.
    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    CHECK_FALSE(ursClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    CHECK_FALSE(ursClient.controller.enrollBlocking(h.url(), h.code({}, QStringLiteral("Barbacena"))).ok());
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());

    const sync::PassReport pulled = ursClient.controller.runPassBlocking(30'000);
    INFO((pulled.error ? pulled.error->message : QString()).toStdString());
    REQUIRE(pulled.regional);
    CHECK(pulled.allConfirmed);
    CHECK(pulled.replicaUpToDate);
    CHECK(pulled.revisionsPulled == 2);
    CHECK(pulled.manifestsFetched == 2);
    CHECK(pulled.photosFetched == 3); // the newest month's; September's waits until asked
    auto &replica = urs.services->replica();
    CHECK(replica.missingPhotos({2026, 10})->isEmpty());
    CHECK(replica.missingPhotos({2026, 9})->size() == 1);
    // The replica holds what the municipality concluded, byte for byte.
    const auto ours = bh.services->reports().revisions(october);
    REQUIRE_FALSE(ours.isEmpty());
    CHECK(replica.manifest(october, 1).value() == ours.last().snapshotJson);

    // A second pass moves nothing.
    const sync::PassReport again = ursClient.controller.runPassBlocking(30'000);
    CHECK(again.allConfirmed);
    CHECK(again.revisionsPulled == 0);
    CHECK(again.manifestsFetched + again.photosFetched == 0);

    // Decisions made offline: a return with a note on the first action, and one on a
    // report the hub does not know (listed here by mistake): the hub answers 404.
    const core::Report report = replica.report(october, 1).value();
    const QList<core::ReviewNote> notes{{report.actions.first().uuid, report.actions.first().photos.first().uuid,
                                         QStringLiteral("Foto ilegível")}};
    auto returned = urs.services->reviews().decide(october, 1, core::Decision::Return,
                                                   QStringLiteral("Ação 1, Foto 1: ilegível."), notes,
                                                   QStringLiteral("Maria"));
    REQUIRE(returned.ok());
    core::ReplicaRevision ghost = replica.revision(september, 1).value().value();
    ghost.report = core::newUuid();
    ghost.cursor = 0;
    REQUIRE(replica.applyPulled({ghost}, replica.cursor()).ok());
    auto lost = urs.services->reviews().decide(ghost.report, 1, core::Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(lost.ok());

    const sync::PassReport decided = ursClient.controller.runPassBlocking(30'000);
    INFO((decided.error ? decided.error->message : QString()).toStdString());
    CHECK(decided.online);
    CHECK_FALSE(decided.error.has_value());
    CHECK(decided.decisionsSent == 1);
    CHECK(decided.decisionsRefused == 1);
    CHECK(decided.replicaUpToDate);
    CHECK(decided.allConfirmed); // a refusal is settled: nothing is left to send
    CHECK(decided.revisionsPulled >= 1); // the pull still ran: the return came back
    CHECK(stateOf(urs.services->reviews(), returned->uuid) == QStringLiteral("applied"));
    QString why;
    CHECK(stateOf(urs.services->reviews(), lost->uuid, &why) == QStringLiteral("refused"));
    CHECK_FALSE(why.isEmpty());
    CHECK(replica.revision(october, 1).value()->state == QStringLiteral("returned"));
    // The hub does not know the ghost: its listing here is forgotten (its manifest never came).
    CHECK_FALSE(replica.revision(ghost.report, 1).value().has_value());

    // The municipality learns it, with the comment.
    const sync::PassReport learnt = bhClient.controller.runPassBlocking(30'000);
    CHECK(learnt.reviewsApplied == 1);
    const auto summary = bh.services->reports().summaries();
    REQUIRE(summary.ok());
    bool seen = false;
    for (const auto &s : summary.value())
        if (s.uuid == october) {
            seen = true;
            CHECK(s.state == core::ReportState::Returned);
        }
    CHECK(seen);
}

TEST_CASE("real hub: a batch the hub refuses is kept with the reason, and one it takes gets its receipt")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString october = bh.concludedReport({2026, 10}, 1);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);

    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    REQUIRE(ursClient.controller.runPassBlocking(30'000).allConfirmed);

    // The replica believes October is accepted; the hub has it only received.
    auto &replica = urs.services->replica();
    core::ReplicaRevision stale = replica.revision(october, 1).value().value();
    stale.state = QStringLiteral("accepted");
    stale.cursor = replica.cursor();
    REQUIRE(replica.applyPulled({stale}, replica.cursor()).ok());
    core::BatchService batches(*urs.services);
    auto refusedBatch = batches.create({2026, 10}, QStringLiteral("Maria"));
    REQUIRE(refusedBatch.ok());
    const sync::PassReport refused = ursClient.controller.runPassBlocking(30'000);
    CHECK(refused.online);
    CHECK_FALSE(refused.error.has_value());
    CHECK(refused.refused == 1);
    CHECK(refused.batchesSent == 0);
    auto all = batches.all();
    REQUIRE(all.ok());
    CHECK(all->first().state == QStringLiteral("refused"));
    INFO(all->first().lastError.toStdString());
    CHECK(all->first().lastError.contains(october.left(8)));

    // The truth comes back (as a later listing would say it): received.
    stale.state = QStringLiteral("received");
    stale.cursor += 1;
    REQUIRE(replica.applyPulled({stale}, replica.cursor()).ok());

    // Accepted for real, then forwarded: the receipt, and the municipality sees "forwarded".
    auto accepted = urs.services->reviews().decide(october, 1, core::Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(accepted.ok());
    REQUIRE(ursClient.controller.runPassBlocking(30'000).decisionsSent == 1);
    auto batch = batches.create({2026, 10}, QStringLiteral("Maria"));
    REQUIRE(batch.ok());
    const sync::PassReport forwarded = ursClient.controller.runPassBlocking(30'000);
    CHECK(forwarded.batchesSent == 1);
    CHECK(forwarded.allConfirmed);
    std::optional<core::BatchRecord> sent;
    const auto afterwards = batches.all();
    REQUIRE(afterwards.ok());
    for (const auto &b : afterwards.value())
        if (b.uuid == batch->uuid)
            sent = b;
    REQUIRE(sent.has_value());
    CHECK(sent->state == QStringLiteral("received"));
    CHECK(sent->hubId.startsWith(QStringLiteral("b-")));
    CHECK(replica.revision(october, 1).value()->state == QStringLiteral("forwarded"));
}

TEST_CASE("real hub: a decision on a package brought by hand goes up after the package, in the same pass")
{
    test::InProcessHub h;
    SyncProfile be(QStringLiteral("3106705")); // Betim: no link, its report comes on a USB stick
    const QString october = be.concludedReport({2026, 10}, 2);
    const QString file = be.dir.filePath(QStringLiteral("betim.mobiliza"));
    REQUIRE(core::package::writePackage(*be.services, october, 1, file).ok());

    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    core::PackageIntake intake(*urs.services, urs.services->reference());
    REQUIRE(intake.receive(file).ok());
    // Reviewed at once, offline: the decision waits with the package.
    REQUIRE(urs.services->reviews().decide(october, 1, core::Decision::Accept, {}, {}, QStringLiteral("Maria")).ok());

    const sync::PassReport pass = ursClient.controller.runPassBlocking(30'000);
    INFO(pass.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(pass.importsSent == 1);
    CHECK(pass.decisionsSent == 1);
    CHECK(pass.decisionsRefused == 0);
    CHECK(pass.allConfirmed);
    auto onHub = h.hub->store().revision(october, 1);
    REQUIRE(onHub.ok());
    REQUIRE(onHub->has_value());
    CHECK(onHub->value().state == QStringLiteral("accepted"));
    CHECK(urs.services->replica().revision(october, 1).value()->state == QStringLiteral("accepted"));
}

TEST_CASE("real hub: the URS keeps each report's history, with who decided from which installation, and brings it again when it changes")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString october = bh.concludedReport({2026, 10}, 2);
    const QString september = bh.concludedReport({2026, 9}, 1);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);

    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    REQUIRE(ursClient.controller.runPassBlocking(30'000).replicaUpToDate);
    core::ReportHistory history(*urs.services);

    // The newest month's history came with the pass; September's waits until opened.
    auto thread = history.thread(october);
    REQUIRE(thread.ok());
    CHECK(thread->fromHub);
    CHECK_FALSE(thread->stale);
    REQUIRE(thread->entries.size() == 1);
    CHECK(thread->entries.first().state == QStringLiteral("received"));
    CHECK(thread->entries.first().revision == 1);
    CHECK_FALSE(history.thread(september)->fromHub);

    // A return made offline shows at once, waiting; after the pass, as the hub tells it:
    // the reviewer, this installation, the note on the action.
    const core::Report report = urs.services->replica().report(october, 1).value();
    const QList<core::ReviewNote> notes{{report.actions.first().uuid, {}, QStringLiteral("Falta a lista de presença")}};
    auto returned = urs.services->reviews().decide(october, 1, core::Decision::Return,
                                                   QStringLiteral("Ação 1: falta a lista."), notes,
                                                   QStringLiteral("Maria"));
    REQUIRE(returned.ok());
    CHECK(history.thread(october)->entries.last().pending == QStringLiteral("queued"));
    REQUIRE(history.want(september).ok()); // the reviewer opened September too

    const sync::PassReport decided = ursClient.controller.runPassBlocking(30'000);
    INFO((decided.error ? decided.error->message : QString()).toStdString());
    REQUIRE(decided.decisionsSent == 1);
    CHECK(decided.replicaUpToDate);
    thread = history.thread(october);
    REQUIRE(thread.ok());
    CHECK(thread->fromHub);
    CHECK_FALSE(thread->stale);
    REQUIRE(thread->entries.size() == 2); // received, returned: the decision once, the hub's
    const core::HistoryEntry &e = thread->entries.last();
    CHECK(e.state == QStringLiteral("returned"));
    CHECK(e.pending.isEmpty());
    CHECK(e.decision == returned->uuid);
    CHECK(e.by == QStringLiteral("Maria"));
    CHECK(e.installation == urs.services->profile().installationId());
    CHECK(e.comment == QStringLiteral("Ação 1: falta a lista."));
    REQUIRE(e.notes.size() == 1);
    CHECK(e.notes.first().action == report.actions.first().uuid);
    CHECK(history.thread(september)->fromHub); // brought because it was opened

    // The municipality corrects: revision 2 reaches the thread at the URS's next pass.
    bhClient.controller.runPassBlocking(30'000); // learns the return
    REQUIRE(bh.services->reports().applyEvent(october, core::ReportEvent::Reopen).ok());
    REQUIRE(bh.services->reports().conclude(october).ok());
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);
    REQUIRE(ursClient.controller.runPassBlocking(30'000).replicaUpToDate);
    thread = history.thread(october);
    REQUIRE(thread->entries.size() == 3);
    CHECK(thread->entries.last().revision == 2);
    CHECK(thread->entries.last().state == QStringLiteral("received"));
    // Nothing changed on the hub: the next pass asks for no history.
    CHECK(history.stale()->isEmpty());
}

TEST_CASE("real hub: Sincronizar agora sends a URS decision that is backing off, at once, and the scheduled "
          "pass waits for its time")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString october = bh.concludedReport({2026, 10}, 1);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);

    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    REQUIRE(ursClient.controller.runPassBlocking(30'000).replicaUpToDate);

    // An accept whose first attempt failed (the link dropped while it went up): it is
    // queued again with a 30 s backoff.
    auto &reviews = urs.services->reviews();
    auto accepted = reviews.decide(october, 1, core::Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(accepted.ok());
    REQUIRE(reviews.markFailed(accepted->uuid, QStringLiteral("The connection was cut."), 0.5).ok());
    REQUIRE(stateOf(reviews, accepted->uuid) == QStringLiteral("queued"));

    // A scheduled pass (nobody asked) leaves it to its time…
    core::OutboxService outbox(urs.services->database(), urs.services->notifier(), urs.clock,
                               urs.services->audit(), [] { return 0.5; });
    QNetworkAccessManager network;
    sync::HubClient client{&network};
    client.setBaseUrl(QUrl(h.url()));
    const auto token = ursClient.tokens.read();
    REQUIRE(token.ok());
    client.setToken(token.value());
    {
        sync::SyncEngine scheduled(*urs.services, outbox, client);
        std::optional<sync::PassReport> done;
        QObject::connect(&scheduled, &sync::SyncEngine::finished,
                         [&](const sync::PassReport &r) { done = r; });
        REQUIRE(scheduled.start(sync::SyncEngine::Pass::Scheduled));
        REQUIRE(test::waitFor([&] { return done.has_value(); }, 20'000));
        CHECK(done->decisionsSent == 0);
        CHECK(stateOf(reviews, accepted->uuid) == QStringLiteral("queued"));
    }
    // …the person's "Sincronizar agora" (and --pull) sends it now, the clock unmoved.
    const sync::PassReport asked = ursClient.controller.runPassBlocking(30'000);
    CHECK(asked.decisionsSent == 1);
    CHECK(stateOf(reviews, accepted->uuid) == QStringLiteral("applied"));
    CHECK(urs.services->replica().revision(october, 1).value()->state == QStringLiteral("accepted"));
}
