// The coverage read straight from the store over a period range (what the Painel
// counts at state scale) equals the grid folded from the replica's revisions,
// cell by cell: states, reports, revisions, first-sent moments and review states —
// with the deadline's last minute in Brasília, corrections, a month with two
// reports, a manifest not fetched yet and decisions made here.
#include "core/regional/coverage.h"
#include "core/regional/review_outbox.h"
#include "tests/core/panel/panel_seed.h"

#include <QJsonArray>

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

void checkSame(const CoverageGrid &fromStore, const CoverageGrid &fromReplica)
{
    REQUIRE(fromStore.periods == fromReplica.periods);
    REQUIRE(fromStore.rows.size() == fromReplica.rows.size());
    for (int r = 0; r < fromStore.rows.size(); ++r) {
        const CoverageRow &a = fromStore.rows.at(r), &b = fromReplica.rows.at(r);
        REQUIRE(a.municipality.ibge == b.municipality.ibge);
        REQUIRE(a.cells.size() == b.cells.size());
        for (int p = 0; p < a.cells.size(); ++p) {
            INFO(a.municipality.ibge.toStdString() << " " << fromStore.periods.at(p).key().toStdString());
            CHECK(coverageStateKey(a.cells.at(p).state) == coverageStateKey(b.cells.at(p).state));
            CHECK(a.cells.at(p).report == b.cells.at(p).report);
            CHECK(a.cells.at(p).revision == b.cells.at(p).revision);
            CHECK(a.cells.at(p).firstSentAt == b.cells.at(p).firstSentAt);
            CHECK(a.cells.at(p).reviewState == b.cells.at(p).reviewState);
        }
    }
}

} // namespace

TEST_CASE("The coverage read from the store over a period range equals the replica's, cell by cell")
{
    test::UrsProfile urs;
    Seeded s = seed(urs, 424242);
    Services &services = *urs.services;
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const Period nov{2026, 11};
    const QDate deadline = program.deadline(nov);
    REQUIRE(deadline.isValid());
    // The deadline's last minute in Brasília (UTC−3) and the first one after it.
    const QDateTime lastMinute(deadline.addDays(1), QTime(2, 59, 59, 999), Qt::UTC);
    const QDateTime firstLate(deadline.addDays(1), QTime(3, 0), Qt::UTC);
    const QList<Municipality> &m = s.scope;
    const test::Sent onTime = test::sent(m[0].ibge, nov, 1, lastMinute, 9001);
    const test::Sent late = test::sent(m[1].ibge, nov, 1, firstLate, 9002);
    const test::Sent none = test::sent(m[2].ibge, nov, 1, lastMinute, 9003, true);
    // Listed, its manifest not here yet: "sem ações" is not known, so it counts as sent.
    const test::Sent unfetched = test::sent(m[3].ibge, nov, 1, lastMinute, 9004, true);
    // A correction after the deadline keeps the month on time; its state speaks.
    test::Sent first = test::sent(m[4].ibge, nov, 1, lastMinute, 9005);
    first.entry.state = QStringLiteral("returned");
    test::Sent corrected =
        test::sent(m[4].ibge, nov, 2, firstLate.addDays(3), 9006, false, first.report.uuid);
    corrected.entry.state = QStringLiteral("accepted");
    // Two reports of one month (the hub refuses this; a hand-carried file might not).
    const test::Sent one = test::sent(m[5].ibge, nov, 1, firstLate.addDays(1), 9007);
    const test::Sent other = test::sent(m[5].ibge, nov, 1, lastMinute, 9008);
    const test::Sent third = test::sent(m[6].ibge, nov, 1, lastMinute.addDays(2), 9009);
    const test::Sent fourth = test::sent(m[6].ibge, nov, 1, lastMinute, 9010);
    const QList<const test::Sent *> added{&onTime,    &late, &none,  &unfetched, &first,
                                          &corrected, &one,  &other, &third,     &fourth};
    QList<ReplicaRevision> entries;
    for (const test::Sent *x : added)
        entries << x->entry;
    REQUIRE(services.replica().applyPulled(entries, 9010));
    for (const test::Sent *x : added)
        if (x != &unfetched)
            REQUIRE(services.replica().storeManifest(x->report.uuid, x->entry.revision, x->manifest));
    // A decision made here on November's on-time report, not pulled back yet.
    s.localStates.insert(revisionKey(onTime.report.uuid, 1), QStringLiteral("returned"));

    for (const int months : {1, 3, 12, 14}) {
        CAPTURE(months);
        for (const bool withLocal : {false, true}) {
            const QHash<QString, QString> local = withLocal ? s.localStates : QHash<QString, QString>{};
            auto fromReplica = computeCoverage(services.replica(), program, s.scope, nov, months, local);
            auto fromStore = computeCoverage(services.database(), program, s.scope, nov, months, local);
            REQUIRE(fromReplica);
            REQUIRE(fromStore);
            checkSame(fromStore.value(), fromReplica.value());
            auto states = coverageStates(services.database(), program, s.scope, nov, months, local);
            REQUIRE(states);
            REQUIRE(states->size() == s.scope.size() * months);
            for (int r = 0; r < s.scope.size(); ++r)
                for (int p = 0; p < months; ++p)
                    CHECK(states->at(r * months + p) == fromReplica->rows.at(r).cells.at(p).state);
        }
    }

    // And the cases are what they say (so the equality above means something).
    auto grid = computeCoverage(services.database(), program, s.scope, nov, 1, s.localStates);
    REQUIRE(grid);
    const auto stateOf = [&](int row) { return grid->rows.at(row).cells.first().state; };
    CHECK(stateOf(0) == CoverageState::Returned);
    CHECK(stateOf(1) == CoverageState::Late);
    CHECK(stateOf(2) == CoverageState::NoActions);
    CHECK(stateOf(3) == CoverageState::OnTime);
    CHECK(stateOf(4) == CoverageState::OnTime);
    CHECK(grid->rows.at(4).cells.first().revision == 2);
    CHECK(grid->rows.at(4).cells.first().reviewState == QStringLiteral("accepted"));
    CHECK(stateOf(5) == CoverageState::OnTime); // first sent by the deadline, by either report
    CHECK(stateOf(7) == CoverageState::Missing);
}

TEST_CASE("Actions without a theme count in the rest of the stacks, with and without a filter")
{
    test::UrsProfile urs;
    Seeded s = seed(urs, 5);
    Services &services = *urs.services;
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    // An accepted report whose three actions name no theme (a manifest the program's
    // rules would refuse today; the panel still counts its actions).
    QRandomGenerator rng(3);
    test::Sent bare = withActions(test::sent(s.scope.first().ibge, Period{2026, 5}, 1,
                                             QDateTime(QDate(2026, 6, 5), QTime(12, 0), Qt::UTC), 60'000),
                                  3, program, rng);
    for (Action &a : bare.report.actions)
        a.values.remove(QStringLiteral("themes"));
    bare.manifest = ReportService::manifest(bare.report, bare.entry.receivedAt.addSecs(-60));
    bare.entry.manifestSha256 = test::sha(bare.manifest);
    bare.entry.state = QStringLiteral("accepted");
    REQUIRE(services.replica().applyPulled({bare.entry}, 60'000));
    REQUIRE(services.replica().storeManifest(bare.report.uuid, 1, bare.manifest));
    s.all << bare;

    PanelFilter all{Period{2026, 4}, Period{2026, 9}};
    PanelFilter format = all;
    format.format = bare.report.actions.first().values.value(QStringLiteral("format")).toString();
    for (const PanelFilter &f : {all, format}) {
        CAPTURE(f.format.toStdString());
        // The independent count: each counted action under its first theme ("" without one).
        std::map<QString, qint64> firstThemes;
        qint64 total = 0;
        for (const Sent *r : latestOf(s)) {
            const QString state = stateOf(s, *r);
            if (r->report.period < f.from || f.to < r->report.period ||
                !panelStates(f.includeReceived).contains(state))
                continue;
            for (const Action &a : r->report.actions) {
                if (!keeps(f, a))
                    continue;
                const QJsonArray themes = a.values.value(QStringLiteral("themes")).toArray();
                ++firstThemes[themes.isEmpty() ? QString() : themes.first().toString()];
                ++total;
            }
        }
        REQUIRE(firstThemes[QString()] >= 1); // the bare actions of that format
        auto d = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
        REQUIRE(d);
        CHECK(d->tiles.actions == total);
        qint64 named = 0;
        for (const PanelCount &c : d->stackThemes)
            if (!c.code.isEmpty()) {
                CHECK(c.count == firstThemes[c.code]);
                named += c.count;
            }
        REQUIRE_FALSE(d->stackThemes.isEmpty());
        CHECK(d->stackThemes.last().code.isEmpty());
        CHECK(d->stackThemes.last().count == total - named);
        for (int i = 0; i < d->periods.size(); ++i) {
            qint64 stacked = 0;
            for (const auto &stack : d->actionsByTheme)
                stacked += stack.at(i);
            CHECK(stacked == d->actions.at(i));
        }
    }
}
