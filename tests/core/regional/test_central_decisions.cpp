// The central level's decisions in the review outbox (core/regional/review_outbox,
// docs/protocol.md §10.7): consolidate or return to the URS, only on a forwarded
// report; and a URS's applied decision that a later state (the central level sent
// the report back) supersedes, so the URS may decide again.
#include "core/demo/regional_demo.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/review_outbox.h"
#include "core/store/sql.h"
#include "tests/core/regional/replica_fixture.h"

#include <QSet>

using namespace mobiliza;
using namespace mobiliza::core;
using test::sent;
using test::Sent;
using test::UrsProfile;

namespace {

const Period kOct{2026, 10};

ReplicaRevision withState(ReplicaRevision e, const QString &state, qint64 cursor)
{
    e.state = state;
    e.cursor = cursor;
    return e;
}

} // namespace

TEST_CASE("Central decisions: consolidate and return to the URS leave only from a forwarded report")
{
    UrsProfile p; // the outbox is the same at the central level
    ReplicaService &replica = p.services->replica();
    ReviewOutbox &reviews = p.services->reviews();
    const Sent bh = sent(QStringLiteral("3106200"), kOct, 1, p.clock.now().addDays(-3), 3);
    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("accepted"), 3)}, 3));
    REQUIRE(replica.storeManifest(bh.report.uuid, 1, bh.manifest));

    auto early = reviews.decide(bh.report.uuid, 1, Decision::Consolidate, {}, {}, QStringLiteral("Clara"));
    REQUIRE_FALSE(early);
    CHECK(early.error().code == QStringLiteral("not_reviewable"));
    // The state in words, not its key.
    CHECK(early.error().message.contains(QStringLiteral("\"Accepted\"")));
    CHECK_FALSE(early.error().message.contains(QStringLiteral("accepted")));

    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("forwarded"), 4)}, 4));
    auto blank = reviews.decide(bh.report.uuid, 1, Decision::ReturnToUrs, QStringLiteral("  "), {},
                                QStringLiteral("Clara"));
    REQUIRE_FALSE(blank);
    CHECK(blank.error().code == QStringLiteral("comment_required"));
    CHECK(blank.error().message.contains(QStringLiteral("URS")));
    // A URS's decision does not leave from forwarded.
    CHECK_FALSE(reviews.decide(bh.report.uuid, 1, Decision::Accept, {}, {}, QStringLiteral("Maria")));

    auto done = reviews.decide(bh.report.uuid, 1, Decision::Consolidate, {}, {}, QStringLiteral("Clara"));
    REQUIRE(done);
    CHECK(decisionKey(done->decision) == QStringLiteral("consolidate"));
    CHECK(reviews.localStates().value(revisionKey(bh.report.uuid, 1)) == QStringLiteral("consolidated"));
    auto due = reviews.due();
    REQUIRE(due);
    REQUIRE(due->size() == 1);
    CHECK(due->first().decision == Decision::Consolidate);
    // Decided here: not twice.
    auto twice = reviews.decide(bh.report.uuid, 1, Decision::ReturnToUrs, QStringLiteral("Ver."), {},
                                QStringLiteral("Clara"));
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == QStringLiteral("already_decided"));
}

TEST_CASE("Central decisions: the URS's acceptance gives way when the central level returns the report to it")
{
    UrsProfile p;
    ReplicaService &replica = p.services->replica();
    ReviewOutbox &reviews = p.services->reviews();
    const Sent bh = sent(QStringLiteral("3106200"), kOct, 1, p.clock.now().addDays(-3), 3);
    REQUIRE(replica.applyPulled({bh.entry}, 3));
    REQUIRE(replica.storeManifest(bh.report.uuid, 1, bh.manifest));

    auto accepted = reviews.decide(bh.report.uuid, 1, Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(accepted);
    REQUIRE(reviews.markSending(accepted->uuid));
    REQUIRE(reviews.markApplied(accepted->uuid, QStringLiteral("accepted"), 5));
    // Applied, and the pull has not brought it back yet: the decision says the state.
    CHECK(reviews.localStates().value(revisionKey(bh.report.uuid, 1)) == QStringLiteral("accepted"));
    CHECK(reviews.pendingOrApplied(bh.report.uuid, 1)->has_value());

    // The pull brings the acceptance, then the batch, then the central level's return.
    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("accepted"), 5)}, 5));
    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("forwarded"), 6)}, 6));
    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("returned_to_urs"), 7)}, 7));
    CHECK_FALSE(reviews.localStates().contains(revisionKey(bh.report.uuid, 1)));
    CHECK_FALSE(reviews.pendingOrApplied(bh.report.uuid, 1)->has_value());
    auto all = reviews.all();
    REQUIRE(all);
    REQUIRE(all->size() == 1);
    CHECK(all->first().superseded);
    CHECK_FALSE(all->first().standing());

    // The URS decides again: it returns the report to the municipality.
    auto back = reviews.decide(bh.report.uuid, 1, Decision::Return, QStringLiteral("Nível central: foto 2."),
                               {}, QStringLiteral("Maria"));
    INFO((back ? QString() : back.error().message).toStdString());
    REQUIRE(back);
    CHECK(reviews.localStates().value(revisionKey(bh.report.uuid, 1)) == QStringLiteral("returned"));
}

TEST_CASE(
    "Central decisions: a decision applied before schema 9 (no event) gives way once the replica moved on")
{
    UrsProfile p;
    ReplicaService &replica = p.services->replica();
    ReviewOutbox &reviews = p.services->reviews();
    const Sent bh = sent(QStringLiteral("3106200"), kOct, 1, p.clock.now().addDays(-3), 3);
    REQUIRE(replica.applyPulled({bh.entry}, 3));
    REQUIRE(replica.storeManifest(bh.report.uuid, 1, bh.manifest));
    auto accepted = reviews.decide(bh.report.uuid, 1, Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(accepted);
    REQUIRE(reviews.markApplied(accepted->uuid, QStringLiteral("accepted"), 0));
    CHECK(reviews.localStates().value(revisionKey(bh.report.uuid, 1)) == QStringLiteral("accepted"));
    REQUIRE(replica.applyPulled({withState(bh.entry, QStringLiteral("returned_to_urs"), 9)}, 9));
    CHECK_FALSE(reviews.localStates().contains(revisionKey(bh.report.uuid, 1)));
    CHECK(reviews.decide(bh.report.uuid, 1, Decision::Start, {}, {}, QStringLiteral("Maria")));
}

TEST_CASE("Central decisions: the central level's demonstration is the whole state over two years, with its "
          "decisions")
{
    test::TempDir dir;
    FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    Services &services = *opened.value();
    REQUIRE(services.profile().setRole(Role::Central, {}));
    const ReferenceData reference = ReferenceData::embedded();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    auto seeded = RegionalDemo(services, program, reference, clock).seed();
    INFO((seeded ? QString() : seeded.error().message).toStdString());
    REQUIRE(seeded);
    CHECK(services.profile().isDemo());

    auto latest = services.replica().latest();
    REQUIRE(latest);
    QSet<QString> municipalities, urs, periods;
    QHash<QString, int> states;
    for (const ReplicaRevision &r : latest.value()) {
        municipalities.insert(r.municipality);
        urs.insert(reference.municipality(r.municipality)->urs);
        periods.insert(r.period.key());
        ++states[r.state];
    }
    CHECK(municipalities.size() == reference.municipalities().size()); // 853: every one sent something
    CHECK(urs.size() == reference.urs().size());                       // all 28 URS
    CHECK(periods.size() == 24);
    // Most consolidated; last month's waiting for the central level; a few sent back to their URS.
    CHECK(states.value(QStringLiteral("consolidated")) > latest->size() / 2);
    CHECK(states.value(QStringLiteral("forwarded")) > 0);
    CHECK(states.value(QStringLiteral("returned_to_urs")) > 0);
    // A URS's batches are not the central level's.
    CHECK(services.database().db().isOpen());
    auto batches = runSql(services.database().db(), QStringLiteral("SELECT count(*) FROM batches"));
    REQUIRE(batches);
    REQUIRE(batches.value().next());
    CHECK(batches.value().value(0).toInt() == 0);
    // Example targets (never sent to a hub; the first real ones replace them): the whole
    // state's every year it shows, each URS's the sum of its municipalities' rounded up.
    const Targets targets = services.targets().current();
    CHECK(targets.revision == 1);
    CHECK(services.targets().isExample());
    CHECK_FALSE(services.targets().pending());
    for (int year : {2025, 2026}) {
        CAPTURE(year);
        const YearTargets *y = targets.year(year);
        REQUIRE(y);
        CHECK(y->state >= y->perMunicipality * reference.municipalities().size());
        CHECK(y->urs.size() == reference.urs().size());
        CHECK(
            targets.yearlyActions(reference, reference.municipalitiesOfUrs(QStringLiteral("Barbacena")), year)
                .value_or(0) >= double(y->perMunicipality * 33));
    }
    // The central level may decide on a forwarded one at once.
    for (const ReplicaRevision &r : latest.value())
        if (r.state == QLatin1String("forwarded")) {
            CHECK(services.reviews().decide(r.report, r.revision, Decision::Consolidate, {}, {},
                                            QStringLiteral("Clara")));
            break;
        }
}
