// The whole way, against the real hub in-process (docs/protocol.md §10.7): two
// municipalities send; their URS accepts and forwards the month; the central
// level pulls the state, consolidates one report and returns the other to the
// URS; the URS returns it to its municipality with the central level's words;
// the municipality corrects it (revision 2), and it goes the whole way again
// until it is consolidated. Each client is a real SyncController on its profile.
// And a URS without a link: its batch file taken in at the central level.
#include "tests/sync/real_hub_fixture.h"

#include "core/package/batch_receipt.h"
#include "core/regional/batch_intake.h"
#include "core/regional/batch_service.h"
#include "core/regional/review_outbox.h"

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;
using mobiliza::test::kUrs;

namespace {

const core::Period kOct{2026, 10};

// Another municipality of the same URS (from the reference table, not assumed).
QString neighbour()
{
    for (const core::Municipality &m : core::ReferenceData::embedded().municipalitiesOfUrs(kUrs))
        if (m.ibge != kBh)
            return m.ibge;
    FAIL("the URS has one municipality");
    return {};
}

struct DeskProfile
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(15, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    DeskProfile(core::Role role, const QString &place)
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setRole(role, place).ok());
    }
    QString state(const QString &report) const
    {
        auto latest = services->replica().latest();
        REQUIRE(latest.ok());
        for (const auto &r : latest.value())
            if (r.report == report)
                return r.state;
        return {};
    }
};

QString centralCode(test::InProcessHub &h)
{
    sync::Scope scope;
    scope.kind = sync::Scope::Kind::Central;
    auto issued = hub::TokenDesk(*h.hub).issueCode(scope, QStringLiteral("SES-MG"));
    REQUIRE(issued.ok());
    return issued->code;
}

sync::PassReport pass(test::SyncClient &client)
{
    const sync::PassReport r = client.controller.runPassBlocking(30'000);
    INFO((r.error ? r.error->message : QString()).toStdString());
    REQUIRE_FALSE(r.error.has_value());
    return r;
}

core::ReportState stateHere(SyncProfile &p, const QString &report, QString *comment = nullptr)
{
    auto r = p.services->reports().report(report);
    REQUIRE(r.ok());
    if (comment)
        *comment = r->reviewComment;
    return r->state;
}

void decide(DeskProfile &desk, const QString &report, int revision, core::Decision d,
            const QString &comment = {})
{
    auto done = desk.services->reviews().decide(report, revision, d, comment, {}, QStringLiteral("Revisora"));
    INFO((done ? QString() : done.error().message).toStdString());
    REQUIRE(done.ok());
}

} // namespace

TEST_CASE(
    "real hub: município → URS → central → consolidated, with one report returned by the central level on "
    "the way")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    SyncProfile other(neighbour());
    test::SyncClient bhClient(*bh.services, bh.dir);
    test::SyncClient otherClient(*other.services, other.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    REQUIRE(otherClient.controller.enrollBlocking(h.url(), h.code(neighbour())).ok());
    const QString bhReport = bh.concludedReport(kOct, 2);
    const QString otherReport = other.concludedReport(kOct, 1);
    REQUIRE(pass(bhClient).sent == 1);
    REQUIRE(pass(otherClient).sent == 1);

    // The URS accepts both and forwards October.
    DeskProfile urs(core::Role::Urs, kUrs);
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    REQUIRE(pass(ursClient).revisionsPulled == 2);
    decide(urs, bhReport, 1, core::Decision::Accept);
    decide(urs, otherReport, 1, core::Decision::Accept);
    REQUIRE(pass(ursClient).decisionsSent == 2);
    core::BatchService batches(*urs.services);
    REQUIRE(batches.create(kOct, QStringLiteral("Maria (URS)")).ok());
    REQUIRE(pass(ursClient).batchesSent == 1);
    CHECK(urs.state(bhReport) == QStringLiteral("forwarded"));

    // The central level: a URS's code does not enrol it, its own does; it pulls the state.
    DeskProfile central(core::Role::Central, {});
    test::SyncClient centralClient(*central.services, central.dir);
    CHECK_FALSE(centralClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    REQUIRE(centralClient.controller.enrollBlocking(h.url(), centralCode(h)).ok());
    const sync::PassReport pulled = pass(centralClient);
    CHECK(pulled.regional);
    CHECK(pulled.manifestsFetched == 2);
    CHECK(central.services->replica().latest()->size() == 2);
    CHECK(central.state(otherReport) == QStringLiteral("forwarded"));
    // A URS's decision is not the central level's to make here.
    auto wrongLevel = central.services->reviews().decide(bhReport, 1, core::Decision::Accept, {}, {},
                                                         QStringLiteral("Clara"));
    CHECK_FALSE(wrongLevel.ok());
    decide(central, otherReport, 1, core::Decision::Consolidate);
    decide(central, bhReport, 1, core::Decision::ReturnToUrs, QStringLiteral("A foto 2 não mostra a ação."));
    const sync::PassReport decided = pass(centralClient);
    CHECK(decided.decisionsSent == 2);
    CHECK(decided.decisionsRefused == 0);
    CHECK(central.state(otherReport) == QStringLiteral("consolidated"));
    CHECK(central.state(bhReport) == QStringLiteral("returned_to_urs"));

    // The municipalities: one consolidated; the other back at its URS, no correction asked yet.
    pass(otherClient);
    CHECK(stateHere(other, otherReport) == core::ReportState::Consolidated);
    pass(bhClient);
    QString comment;
    CHECK(stateHere(bh, bhReport, &comment) == core::ReportState::Received);
    CHECK(comment.isEmpty());

    // The URS sees the central level's return; its acceptance no longer stands: it returns the
    // report to the municipality, passing on what the central level said.
    pass(ursClient);
    CHECK(urs.state(bhReport) == QStringLiteral("returned_to_urs"));
    CHECK(urs.services->reviews().localStates().value(core::revisionKey(bhReport, 1)).isEmpty());
    decide(urs, bhReport, 1, core::Decision::Return,
           QStringLiteral("Nível central: a foto 2 não mostra a ação."));
    REQUIRE(pass(ursClient).decisionsSent == 1);
    pass(bhClient);
    CHECK(stateHere(bh, bhReport, &comment) == core::ReportState::Returned);
    CHECK(comment == QStringLiteral("Nível central: a foto 2 não mostra a ação."));

    // Corrected as revision 2, it goes the whole way again.
    REQUIRE(bh.services->reports().applyEvent(bhReport, core::ReportEvent::Reopen).ok());
    REQUIRE(bh.services->reports().conclude(bhReport).ok());
    REQUIRE(pass(bhClient).sent == 1);
    pass(ursClient);
    decide(urs, bhReport, 2, core::Decision::Accept);
    pass(ursClient);
    REQUIRE(batches.create(kOct, QStringLiteral("Maria (URS)")).ok());
    REQUIRE(pass(ursClient).batchesSent == 1);
    pass(centralClient);
    decide(central, bhReport, 2, core::Decision::Consolidate);
    REQUIRE(pass(centralClient).decisionsSent == 1);
    pass(bhClient);
    CHECK(stateHere(bh, bhReport) == core::ReportState::Consolidated);
    pass(ursClient);
    CHECK(urs.state(bhReport) == QStringLiteral("consolidated"));

    // A report the central level returns, the URS may accept again as it is and forward
    // in a new batch (its earlier batch no longer holds it); an acceptance queued before
    // the return, on another computer, does not overrule it unseen.
    const core::Period sep{2026, 9};
    const QString september = other.concludedReport(sep, 1);
    REQUIRE(pass(otherClient).sent == 1);
    pass(ursClient);
    decide(urs, september, 1, core::Decision::Accept);
    pass(ursClient);
    REQUIRE(batches.create(sep, QStringLiteral("Maria (URS)")).ok());
    REQUIRE(pass(ursClient).batchesSent == 1);
    pass(centralClient);
    decide(central, september, 1, core::Decision::ReturnToUrs, QStringLiteral("Confirme o público-alvo."));
    REQUIRE(pass(centralClient).decisionsSent == 1);
    urs.clock.advanceSecs(3600);
    pass(ursClient);
    REQUIRE(urs.state(september) == QStringLiteral("returned_to_urs"));
    decide(urs, september, 1, core::Decision::Accept);
    REQUIRE(pass(ursClient).decisionsSent == 1);
    CHECK(urs.state(september) == QStringLiteral("accepted"));
    REQUIRE(batches.create(sep, QStringLiteral("Maria (URS)")).ok());
    REQUIRE(pass(ursClient).batchesSent == 1);
    pass(centralClient);
    decide(central, september, 1, core::Decision::Consolidate);
    REQUIRE(pass(centralClient).decisionsSent == 1);
    pass(otherClient);
    CHECK(stateHere(other, september) == core::ReportState::Consolidated);

    // Every batch is decided at the hub.
    auto recorded = h.store->batches();
    REQUIRE(recorded.ok());
    REQUIRE(recorded->size() == 4);
    for (const auto &b : recorded.value())
        CHECK(b.state == QStringLiteral("consolidated"));
}

TEST_CASE("real hub: a URS's batch file taken in at the central level goes to the hub, and its receipt back "
          "to the URS")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString report = bh.concludedReport(kOct, 2);
    REQUIRE(pass(bhClient).sent == 1);

    // The URS accepts it, then has no link: it writes October as a batch file.
    DeskProfile urs(core::Role::Urs, kUrs);
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    pass(ursClient);
    decide(urs, report, 1, core::Decision::Accept);
    REQUIRE(pass(ursClient).decisionsSent == 1);
    test::TempDir usb;
    const QString lote = usb.filePath(QStringLiteral("lote-BH-2026-10.mobiliza-lote"));
    auto written = core::BatchService(*urs.services).create(kOct, QStringLiteral("Maria (URS)"), lote);
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());

    // The central level takes the file in before it ever pulled: in its copy at once.
    DeskProfile central(core::Role::Central, {});
    test::SyncClient centralClient(*central.services, central.dir);
    REQUIRE(centralClient.controller.enrollBlocking(h.url(), centralCode(h)).ok());
    auto taken = core::BatchIntake(*central.services, central.services->reference()).receive(lote);
    INFO((taken ? QString() : taken.error().message).toStdString());
    REQUIRE(taken.ok());
    CHECK(taken->newHere == 1);
    CHECK(central.state(report) == QStringLiteral("received"));
    // One pass: the import, then the batch on the URS's behalf, then the pull.
    const sync::PassReport sent = pass(centralClient);
    CHECK(sent.importsSent == 1);
    CHECK(sent.batchesSent == 1);
    CHECK(central.state(report) == QStringLiteral("forwarded"));
    auto onHub = h.store->batches();
    REQUIRE(onHub.ok());
    REQUIRE(onHub->size() == 1);
    CHECK(onHub->first().batch.uuid == written->uuid);
    CHECK(onHub->first().via == QStringLiteral("file"));

    // The receipt is beside the file, issued by that hub; the URS records it.
    const QString receiptPath = core::package::receiptPathFor(lote);
    auto receipt = core::package::readBatchReceipt(receiptPath);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt.ok());
    CHECK(receipt->hubId == onHub->first().hubId);
    CHECK(receipt->issuedBy == h.hub->options().info.id);
    auto recorded = core::BatchService(*urs.services).applyReceipt(receipt.value());
    INFO((recorded ? QString() : recorded.error().message).toStdString());
    REQUIRE(recorded.ok());
    CHECK_FALSE(recorded->alreadyRecorded);
    CHECK(recorded->batch.state == QStringLiteral("received"));

    // The central level consolidates it; the municipality sees it.
    decide(central, report, 1, core::Decision::Consolidate);
    REQUIRE(pass(centralClient).decisionsSent == 1);
    pass(bhClient);
    CHECK(stateHere(bh, report) == core::ReportState::Consolidated);
}
