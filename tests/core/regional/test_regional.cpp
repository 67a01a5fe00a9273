// The regional desk's core (core/regional, ProfileService roles): what a URS
// installation stores and decides while offline.
#include "core/demo/regional_demo.h"
#include "core/domain/clock.h"
#include "core/package/manifest_codec.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"
#include "core/regional/revision_diff.h"
#include "core/services/blob_collector.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "tests/core/regional/replica_fixture.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace mobiliza;
using namespace mobiliza::core;
using test::sent;
using test::sha;
using test::Sent;
using test::UrsProfile;


TEST_CASE("A profile's role is chosen once: a URS profile never becomes a municipality's")
{
    test::TempDir dir;
    FixedClock clock(QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC));
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    ProfileService &profile = opened.value()->profile();
    CHECK_FALSE(profile.role().has_value());
    REQUIRE(profile.setRole(Role::Urs, QStringLiteral("Barbacena")));
    CHECK(profile.role() == Role::Urs);
    CHECK(profile.urs() == QStringLiteral("Barbacena"));
    CHECK(profile.setRole(Role::Urs, QStringLiteral("Barbacena"))); // the same again is fine
    auto other = profile.setRole(Role::Urs, QStringLiteral("Juiz de Fora"));
    REQUIRE_FALSE(other);
    CHECK(other.error().code == QStringLiteral("role_locked"));
    auto municipality = profile.setMunicipality(QStringLiteral("3105608"));
    REQUIRE_FALSE(municipality);
    CHECK(municipality.error().code == QStringLiteral("role_locked"));
    CHECK(profile.municipality().isEmpty());
    CHECK_FALSE(profile.setSetting(QStringLiteral("role"), QStringLiteral("municipality")));

    SECTION("a profile from before roles is a municipality's")
    {
        test::TempDir old;
        auto o = Services::open(old.path(), clock);
        REQUIRE(o);
        REQUIRE(o.value()->profile().setMunicipality(QStringLiteral("3106200")));
        CHECK(o.value()->profile().role() == Role::Municipality);
        CHECK(o.value()->profile().setRole(Role::Municipality, QStringLiteral("3106200")));
        CHECK(o.value()->profile().setting(QStringLiteral("role")) == QStringLiteral("municipality"));
        auto moved = o.value()->profile().setRole(Role::Municipality, QStringLiteral("3118601"));
        REQUIRE_FALSE(moved);
        CHECK(moved.error().code == QStringLiteral("municipality_locked"));
    }
}

TEST_CASE("The replica keeps what the hub lists, and only a manifest that matches its checksum")
{
    UrsProfile urs;
    ReplicaService &replica = urs.services->replica();
    const Period oct{2026, 10};
    const Sent bh = sent(QStringLiteral("3106200"), oct, 1, QDateTime(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC), 3);
    REQUIRE(replica.applyPulled({bh.entry}, 3));
    CHECK(replica.cursor() == 3);

    auto listed = replica.withoutManifest();
    REQUIRE(listed);
    REQUIRE(listed->size() == 1);
    CHECK_FALSE(listed->first().hasManifest);

    // Another report's bytes, or altered ones, are refused and nothing is kept.
    const Sent other = sent(QStringLiteral("3106200"), oct, 1, bh.entry.receivedAt, 4);
    auto wrong = replica.storeManifest(bh.report.uuid, 1, other.manifest);
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == QStringLiteral("manifest_mismatch"));
    QByteArray altered = bh.manifest;
    altered.replace("Mutir", "Mutar");
    CHECK_FALSE(replica.storeManifest(bh.report.uuid, 1, altered));
    CHECK_FALSE(replica.manifest(bh.report.uuid, 1));

    REQUIRE(replica.storeManifest(bh.report.uuid, 1, bh.manifest));
    auto stored = replica.revision(bh.report.uuid, 1);
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK(stored->value().hasManifest);
    CHECK(stored->value().actionCount == 1);
    CHECK(stored->value().photoCount == 1);
    CHECK(replica.report(bh.report.uuid, 1)->uuid == bh.report.uuid);

    // The photo it names is missing until the blob store has it.
    auto missing = replica.missingPhotos(oct);
    REQUIRE(missing);
    CHECK(missing.value() == QStringList{bh.report.actions.first().photos.first().sha256});
    REQUIRE(urs.services->blobs().put(QByteArray("photo of ") + bh.report.uuid.toLatin1()));
    CHECK(replica.missingPhotos(oct)->isEmpty());

    // A later listing changes the state and keeps the manifest; an older one changes nothing.
    ReplicaRevision accepted = bh.entry;
    accepted.state = QStringLiteral("accepted");
    accepted.cursor = 9;
    REQUIRE(replica.applyPulled({accepted}, 9));
    ReplicaRevision stale = bh.entry;
    stale.cursor = 5;
    REQUIRE(replica.applyPulled({stale}, 5));
    auto now = replica.revision(bh.report.uuid, 1);
    CHECK(now->value().state == QStringLiteral("accepted"));
    CHECK(now->value().manifestSha256 == bh.entry.manifestSha256);
    CHECK(now->value().hasManifest);
    CHECK(replica.cursor() == 9); // the cursor never goes back

    // The hub has this revision with another content (a package brought by hand that
    // differed): the hub's hash wins and the manifest is asked for again.
    ReplicaRevision hubs = accepted;
    hubs.cursor = 10;
    hubs.manifestSha256 = QString(64, QLatin1Char('0'));
    REQUIRE(replica.applyPulled({hubs}, 10));
    now = replica.revision(bh.report.uuid, 1);
    CHECK(now->value().manifestSha256 == hubs.manifestSha256);
    CHECK_FALSE(now->value().hasManifest);
    CHECK(replica.withoutManifest()->size() == 1);
}

TEST_CASE("Review decisions are kept offline, on the latest revision only, a return only with a comment")
{
    UrsProfile urs;
    ReplicaService &replica = urs.services->replica();
    ReviewOutbox &reviews = urs.services->reviews();
    const Period oct{2026, 10};
    const QDateTime t(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC);
    const Sent r1 = sent(QStringLiteral("3106200"), oct, 1, t, 1);
    REQUIRE(replica.applyPulled({r1.entry}, 1));

    auto noComment = reviews.decide(r1.report.uuid, 1, Decision::Return, QStringLiteral("   "), {}, QStringLiteral("Maria"));
    REQUIRE_FALSE(noComment);
    CHECK(noComment.error().code == QStringLiteral("comment_required"));
    CHECK(reviews.all()->isEmpty());

    const QList<ReviewNote> notes{{r1.report.actions.first().uuid, r1.report.actions.first().photos.first().uuid,
                                   QStringLiteral("Foto ilegível")}};
    auto returned = reviews.decide(r1.report.uuid, 1, Decision::Return, QStringLiteral("Ação 1, Foto 1: ilegível."),
                                   notes, QStringLiteral("Maria"));
    REQUIRE(returned);
    CHECK(returned->state == QStringLiteral("queued"));
    CHECK(returned->manifestSha256 == r1.entry.manifestSha256);
    auto again = reviews.decide(r1.report.uuid, 1, Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == QStringLiteral("already_decided"));
    auto due = reviews.due();
    REQUIRE(due);
    REQUIRE(due->size() == 1);
    CHECK(due->first().notes.size() == 1);
    CHECK(due->first().notes.first().action == notes.first().action);
    CHECK(due->first().notes.first().text == QStringLiteral("Foto ilegível"));
    CHECK(reviews.pendingCount() == 1);

    // Sent and applied; then the municipality corrects: revision 2 arrives.
    REQUIRE(reviews.markSending(returned->uuid));
    REQUIRE(reviews.markApplied(returned->uuid, QStringLiteral("returned"), 2));
    CHECK(reviews.pendingCount() == 0);
    ReplicaRevision back = r1.entry;
    back.state = QStringLiteral("returned");
    back.cursor = 2;
    const Sent r2 = sent(QStringLiteral("3106200"), oct, 2, t.addDays(3), 3, false, r1.report.uuid);
    REQUIRE(replica.applyPulled({back, r2.entry}, 3));

    auto onOld = reviews.decide(r1.report.uuid, 1, Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE_FALSE(onOld);
    CHECK(onOld.error().code == QStringLiteral("not_latest"));
    auto accepted = reviews.decide(r1.report.uuid, 2, Decision::Accept, {}, {}, QStringLiteral("Maria"));
    REQUIRE(accepted);

    // A failure backs off; a refusal is kept with its reason and never comes due again.
    REQUIRE(reviews.markFailed(accepted->uuid, QStringLiteral("sem conexão"), 0.5));
    CHECK(reviews.due()->isEmpty());
    urs.clock.advanceSecs(3600);
    REQUIRE(reviews.due()->size() == 1);
    REQUIRE(reviews.markRefused(accepted->uuid, QStringLiteral("accepted"), QStringLiteral("Outro revisor já aceitou.")));
    CHECK(reviews.due()->isEmpty());
    CHECK(reviews.pendingCount() == 0);
    QString kept;
    const auto decisions = reviews.all();
    REQUIRE(decisions);
    for (const ReviewDecisionRecord &d : decisions.value())
        if (d.uuid == accepted->uuid)
            kept = d.lastError;
    CHECK(kept == QStringLiteral("Outro revisor já aceitou."));
}

TEST_CASE("Coverage of a month equals an independent count of on-time, late, no-actions, returned and missing")
{
    UrsProfile urs;
    const ReferenceData reference = ReferenceData::embedded();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const QList<Municipality> all = reference.municipalitiesOfUrs(QStringLiteral("Belo Horizonte"));
    REQUIRE(all.size() >= 5);
    const Period oct{2026, 10};
    const QDate deadline = program.deadline(oct);
    REQUIRE(deadline.isValid());
    // Brasília is UTC−3: 02:00 UTC on the day after the deadline is still the deadline there.
    const QDateTime lastMinute(deadline.addDays(1), QTime(2, 0), Qt::UTC);
    const QDateTime tooLate(deadline.addDays(1), QTime(3, 30), Qt::UTC);

    const Sent onTime = sent(all[0].ibge, oct, 1, lastMinute, 1);
    const Sent late = sent(all[1].ibge, oct, 1, tooLate, 2);
    const Sent none = sent(all[2].ibge, oct, 1, lastMinute, 3, true);
    Sent returned = sent(all[3].ibge, oct, 1, lastMinute, 4);
    returned.entry.state = QStringLiteral("returned");
    // A correction sent after the deadline does not make an on-time report late.
    const Sent first = sent(all[4].ibge, oct, 1, lastMinute, 5);
    const Sent corrected = sent(all[4].ibge, oct, 2, tooLate.addDays(5), 6, false, first.report.uuid);
    const Sent september = sent(all[0].ibge, oct.previous(), 1, lastMinute, 7);
    REQUIRE(urs.services->replica().applyPulled(
        {onTime.entry, late.entry, none.entry, returned.entry, first.entry, corrected.entry, september.entry}, 7));
    for (const Sent *s : std::initializer_list<const Sent *>{&onTime, &late, &none, &returned, &first, &corrected})
        REQUIRE(urs.services->replica().storeManifest(s->report.uuid, s->entry.revision, s->manifest));

    auto grid = computeCoverage(urs.services->replica(), program, all, oct, 12);
    REQUIRE(grid);
    REQUIRE(grid->periods.size() == 12);
    CHECK(grid->periods.last() == oct);
    CHECK(grid->periods.first() == Period{2025, 11});
    REQUIRE(grid->rows.size() == all.size());
    QHash<QString, CoverageState> expected; // the independent count
    expected.insert(all[0].ibge, CoverageState::OnTime);
    expected.insert(all[1].ibge, CoverageState::Late);
    expected.insert(all[2].ibge, CoverageState::NoActions);
    expected.insert(all[3].ibge, CoverageState::Returned);
    expected.insert(all[4].ibge, CoverageState::OnTime);
    int covered = 0;
    for (const CoverageRow &row : grid->rows) {
        const CoverageState want = expected.value(row.municipality.ibge, CoverageState::Missing);
        INFO(row.municipality.name.toStdString());
        CHECK(coverageStateKey(row.cells.last().state) == coverageStateKey(want));
        covered += coverageCounts(want) ? 1 : 0;
    }
    CHECK(grid->covered(11) == covered);
    CHECK(covered == 4);
    CHECK(grid->covered(10) == 1); // September: one municipality
    CHECK(grid->notReported(11).size() == all.size() - 4);

    // A return decided here and not yet pulled back shows at once.
    QHash<QString, QString> local{{revisionKey(onTime.report.uuid, 1), QStringLiteral("returned")},
                                  // a return of revision 1 says nothing about revision 2
                                  {revisionKey(first.report.uuid, 1), QStringLiteral("returned")}};
    auto withLocal = computeCoverage(urs.services->replica(), program, all, oct, 1, local);
    REQUIRE(withLocal);
    CHECK(withLocal->covered(0) == 3);
}

TEST_CASE("The URS demonstration replica: real municipalities, every case of the newest month, valid reports")
{
    test::TempDir dir;
    FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    Services &services = *opened.value();
    REQUIRE(services.profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
    const ReferenceData reference = ReferenceData::embedded();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    auto seeded = RegionalDemo(services, program, reference, clock).seed();
    REQUIRE(seeded);
    CHECK(services.profile().isDemo());
    CHECK(seeded->reports > 300);
    // The targets as the central level would publish them: the panel measures against them.
    CHECK(services.targets().current().revision == 1);
    CHECK(services.targets().current().year(2026) != nullptr);

    const QList<Municipality> all = reference.municipalitiesOfUrs(QStringLiteral("Barbacena"));
    auto grid = computeCoverage(services.replica(), program, all, Period{2026, 10}, 12);
    REQUIRE(grid);
    QSet<QString> states;
    for (const CoverageRow &row : grid->rows)
        states.insert(coverageStateKey(row.cells.last().state));
    CHECK(states.contains(QStringLiteral("on_time")));
    CHECK(states.contains(QStringLiteral("late")));
    CHECK(states.contains(QStringLiteral("no_actions")));
    CHECK(states.contains(QStringLiteral("missing")));

    // Every report is whole (manifest and photos here) and passes the program's rules.
    auto revisions = services.replica().revisions();
    REQUIRE(revisions);
    int corrected = 0;
    const auto engine = services.programs().engine(program.id());
    REQUIRE(engine);
    for (const ReplicaRevision &r : revisions.value()) {
        REQUIRE(r.hasManifest);
        CHECK(r.municipality.size() == 7);
        CHECK(reference.municipality(r.municipality)->urs == QStringLiteral("Barbacena"));
        const auto report = services.replica().report(r.report, r.revision);
        REQUIRE(report);
        INFO(r.municipality.toStdString() << " " << r.period.key().toStdString());
        CHECK(engine->validate(report.value()).isEmpty());
        if (r.revision == 2)
            ++corrected;
    }
    CHECK(corrected == 1);
    CHECK(services.replica().missingPhotos()->isEmpty());

    // Seeding again changes nothing; a replica with pulled reports is refused.
    auto again = RegionalDemo(services, program, reference, clock).seed();
    REQUIRE(again);
    CHECK(again->reports == 0);
    CHECK(services.replica().revisions()->size() == revisions->size());

    test::TempDir real;
    auto other = Services::open(real.path(), clock);
    REQUIRE(other);
    REQUIRE(other.value()->profile().setRole(Role::Urs, QStringLiteral("Belo Horizonte")));
    const Sent pulled = sent(QStringLiteral("3106200"), Period{2026, 10}, 1, clock.now().addDays(-20), 1);
    REQUIRE(other.value()->replica().applyPulled({pulled.entry}, 1));
    auto refused = RegionalDemo(*other.value(), program, reference, clock).seed();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == QStringLiteral("not_empty"));
    CHECK_FALSE(other.value()->profile().isDemo());
}

TEST_CASE("What changed between two revisions: actions added and removed, fields, photos")
{
    const Sent r1 = sent(QStringLiteral("3106200"), Period{2026, 10}, 1, QDateTime(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC), 1);
    Report before = r1.report;
    Action second;
    second.uuid = newUuid();
    second.position = 1;
    second.values = QJsonObject{{QStringLiteral("title"), QStringLiteral("Palestra")}, {QStringLiteral("people"), 10}};
    before.actions << second;
    Report after = before;
    after.revision = 2;
    CHECK(diffRevisions(before, after).isEmpty());

    after.actions[1].values[QStringLiteral("people")] = 12;       // a field changed
    Photo extra = after.actions[0].photos.first();
    extra.uuid = newUuid();
    extra.sha256 = QString(64, QLatin1Char('b'));
    after.actions[0].photos << extra;                               // a photo added
    Action third;
    third.uuid = newUuid();
    third.position = 2;
    third.photos << extra;
    after.actions << third;                                         // an action added
    after.actions.removeAt(0);                                      // the first one removed…
    after.actions[0].position = 0;
    const RevisionDiff d = diffRevisions(before, after);
    CHECK(d.from == 1);
    CHECK(d.to == 2);
    CHECK_FALSE(d.noActionsChanged);
    REQUIRE(d.actions.size() == 3);
    CHECK(d.actions[0].kind == ActionChange::Kind::Changed);
    CHECK(d.actions[0].action == second.uuid);
    REQUIRE(d.actions[0].fields.size() == 1);
    CHECK(d.actions[0].fields[0].field == QStringLiteral("people"));
    CHECK(d.actions[0].fields[0].before.toInt() == 10);
    CHECK(d.actions[0].fields[0].after.toInt() == 12);
    CHECK(d.actions[1].kind == ActionChange::Kind::Added);
    CHECK(d.actions[1].photoCount == 1);
    CHECK(d.actions[2].kind == ActionChange::Kind::Removed); // …listed last
    CHECK(d.actions[2].action == r1.report.actions.first().uuid);
    CHECK(d.photosAdded() == 1);
    CHECK(d.photosRemoved() == 1);

    // A photo swapped for another inside a kept action, and the no-actions flag.
    Report swapped = before;
    swapped.revision = 2;
    swapped.actions[0].photos[0].sha256 = QString(64, QLatin1Char('c'));
    const RevisionDiff s = diffRevisions(before, swapped);
    REQUIRE(s.actions.size() == 1);
    CHECK(s.actions[0].photosAdded.size() == 1);
    CHECK(s.actions[0].photosRemoved.size() == 1);
    CHECK(s.actions[0].fields.isEmpty());
    Report none = before;
    none.revision = 2;
    none.noActions = true;
    none.actions.clear();
    const RevisionDiff n = diffRevisions(before, none);
    CHECK(n.noActionsChanged);
    CHECK(n.actions.size() == 2);
}

TEST_CASE("What changed: the same codes in another order are no change, another code or an entry moved is")
{
    const Sent r1 = sent(QStringLiteral("3106200"), Period{2026, 10}, 1,
                         QDateTime(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC), 1);
    Report before = r1.report;
    before.actions[0].values[QStringLiteral("municipalities")] =
        QJsonArray{QStringLiteral("2927408"), QStringLiteral("2910800"), QStringLiteral("2905701")};
    before.actions[0].values[QStringLiteral("referrals")] =
        QJsonArray{QJsonObject{{QStringLiteral("description"), QStringLiteral("A")}},
                   QJsonObject{{QStringLiteral("description"), QStringLiteral("B")}}};
    Report after = before;
    after.revision = 2;
    after.actions[0].values[QStringLiteral("municipalities")] =
        QJsonArray{QStringLiteral("2905701"), QStringLiteral("2927408"), QStringLiteral("2910800")};
    CHECK(diffRevisions(before, after).isEmpty());
    // One code for another, one more, or the entries of a list in another order: changes.
    after.actions[0].values[QStringLiteral("municipalities")] =
        QJsonArray{QStringLiteral("2905701"), QStringLiteral("2927408"), QStringLiteral("2933307")};
    const RevisionDiff other = diffRevisions(before, after);
    REQUIRE(other.actions.size() == 1);
    REQUIRE(other.actions[0].fields.size() == 1);
    CHECK(other.actions[0].fields[0].field == QStringLiteral("municipalities"));
    after.actions[0].values[QStringLiteral("municipalities")] =
        QJsonArray{QStringLiteral("2905701"), QStringLiteral("2927408"), QStringLiteral("2910800"),
                   QStringLiteral("2933307")};
    CHECK(diffRevisions(before, after).actions.size() == 1);
    after = before;
    after.revision = 2;
    after.actions[0].values[QStringLiteral("referrals")] =
        QJsonArray{QJsonObject{{QStringLiteral("description"), QStringLiteral("B")}},
                   QJsonObject{{QStringLiteral("description"), QStringLiteral("A")}}};
    const RevisionDiff moved = diffRevisions(before, after);
    REQUIRE(moved.actions.size() == 1);
    REQUIRE(moved.actions[0].fields.size() == 1);
    CHECK(moved.actions[0].fields[0].field == QStringLiteral("referrals"));
}

TEST_CASE("The photos of a URS's replica are never collected as unreferenced")
{
    UrsProfile urs;
    const Sent bh = sent(QStringLiteral("3106200"), Period{2026, 10}, 1, QDateTime(QDate(2026, 11, 5), QTime(9, 0), Qt::UTC), 1);
    REQUIRE(urs.services->replica().applyPulled({bh.entry}, 1));
    REQUIRE(urs.services->replica().storeManifest(bh.report.uuid, 1, bh.manifest));
    const QByteArray bytes = QByteArray("photo of ") + bh.report.uuid.toLatin1();
    REQUIRE(urs.services->blobs().put(bytes));
    const QByteArray stray("a photo nothing names");
    REQUIRE(urs.services->blobs().put(stray));
    // Two passes a grace period apart: the stray photo goes, the replica's stays.
    for (int pass = 0; pass < 2; ++pass) {
        REQUIRE(collectProfileBlobs(urs.services->database(), urs.services->blobs(), urs.services->audit(), urs.clock, 60));
        urs.clock.advanceSecs(3600);
    }
    CHECK(urs.services->blobs().has(BlobStore::sha256Hex(bytes)));
    CHECK_FALSE(urs.services->blobs().has(BlobStore::sha256Hex(stray)));
}
