// computePanel over a URS replica seeded with varied reports (themes, formats,
// audiences, people, states, corrections, late and missing months, decisions
// made here and not yet pulled back), each figure compared with a count made
// from the reports themselves — never from the panel's tables.
#include "core/panel/panel_query.h"
#include "core/regional/coverage.h"
#include "core/regional/review_outbox.h"
#include "core/store/sql.h"
#include "tests/core/panel/panel_seed.h"

#include <QJsonArray>

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

// ---- the independent count, from the reports themselves
struct Expected
{
    PanelTiles tiles;
    std::map<QString, qint64> perMonthActions, perMonthPeople, byFormat, byAudience, byFirstTheme;
    std::map<QString, qint64> rankActions, rankPeople;
    std::map<QString, int> reportingPerMonth;
    std::map<QString, qint64> cellActions, cellPeople; // "ibge|YYYY-MM"
    std::map<QString, QString> cellCoverage;           // "ibge|YYYY-MM" → on_time…; absent: missing
};

Expected count(const Seeded &s, const ProgramDefinition &program, const PanelFilter &f, const Period &from,
               const Period &to)
{
    Expected e;
    // What the brief counts: accepted onwards; received and in review on request; never returned.
    QStringList counted{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                        QStringLiteral("consolidated")};
    if (f.includeReceived)
        counted << QStringLiteral("received") << QStringLiteral("in_review");
    QSet<QString> scope;
    for (const Municipality &m : s.scope)
        if (f.municipalities.isEmpty() || f.municipalities.contains(m.ibge))
            scope.insert(m.ibge);
    e.tiles.expected = int(scope.size());
    QSet<QString> active;
    Period activeFrom = to.previous().previous();
    const auto latest = latestOf(s);
    for (const Sent *r : latest) {
        const QString ibge = r->report.municipality;
        const Period p = r->report.period;
        if (!scope.contains(ibge))
            continue;
        // Coverage: whatever the state and the theme.
        const QString state = stateOf(s, *r);
        const QString cell = ibge + QLatin1Char('|') + p.key();
        if (!(p < from) && !(to < p)) {
            QDateTime first = r->entry.receivedAt;
            for (const Sent &o : s.all)
                if (o.report.uuid == r->report.uuid && o.entry.receivedAt < first)
                    first = o.entry.receivedAt;
            e.cellCoverage[cell] = state == QStringLiteral("returned")      ? QStringLiteral("returned")
                                   : r->report.noActions                    ? QStringLiteral("no_actions")
                                   : program.isLate(p, brasiliaDate(first)) ? QStringLiteral("late")
                                                                            : QStringLiteral("on_time");
        }
        if (!(p < from) && !(to < p) && state != QStringLiteral("returned")) {
            ++e.reportingPerMonth[p.key()];
            if (p == to)
                ++e.tiles.reporting;
            if (!r->report.noActions) {
                QDateTime first = r->entry.receivedAt;
                for (const Sent &o : s.all)
                    if (o.report.uuid == r->report.uuid && o.entry.receivedAt < first)
                        first = o.entry.receivedAt;
                if (program.isLate(p, brasiliaDate(first)))
                    ++e.tiles.late;
                else
                    ++e.tiles.onTime;
            }
        }
        if (!counted.contains(state))
            continue;
        for (const Action &a : r->report.actions) {
            if (!keeps(f, a))
                continue;
            if (!(p < activeFrom) && !(to < p))
                active.insert(ibge);
            if (p < from || to < p)
                continue;
            const qint64 people = a.values.value(QStringLiteral("people_reached")).toInt();
            ++e.tiles.actions;
            e.tiles.people += people;
            ++e.perMonthActions[p.key()];
            e.perMonthPeople[p.key()] += people;
            ++e.byFormat[a.values.value(QStringLiteral("format")).toString()];
            QStringList aud;
            for (const QJsonValue &v : a.values.value(QStringLiteral("audience")).toArray())
                if (!aud.contains(v.toString()))
                    aud << v.toString();
            for (const QString &c : aud)
                ++e.byAudience[c];
            ++e.byFirstTheme[a.values.value(QStringLiteral("themes")).toArray().first().toString()];
            ++e.rankActions[ibge];
            e.rankPeople[ibge] += people;
            ++e.cellActions[cell];
            e.cellPeople[cell] += people;
        }
    }
    e.tiles.activeNuclei = int(active.size());
    return e;
}

void checkTiles(const PanelTiles &got, const PanelTiles &want)
{
    CHECK(got.actions == want.actions);
    CHECK(got.people == want.people);
    CHECK(got.reporting == want.reporting);
    CHECK(got.expected == want.expected);
    CHECK(got.onTime == want.onTime);
    CHECK(got.late == want.late);
    CHECK(got.activeNuclei == want.activeNuclei);
}

void checkPanel(const PanelData &d, const Seeded &s, const ProgramDefinition &program)
{
    const PanelFilter &f = d.filter;
    const Expected e = count(s, program, f, f.from, f.to);
    checkTiles(d.tiles, e.tiles);
    CHECK(d.target == Approx(f.target));
    Period prevFrom = f.from;
    for (int i = 0; i < f.months(); ++i)
        prevFrom = prevFrom.previous();
    checkTiles(d.previous, count(s, program, f, prevFrom, f.from.previous()).tiles);

    REQUIRE(d.periods.size() == f.months());
    qint64 stackedTotal = 0;
    for (int i = 0; i < d.periods.size(); ++i) {
        const QString key = d.periods.at(i).key();
        CHECK(d.actions.at(i) == (e.perMonthActions.count(key) ? e.perMonthActions.at(key) : 0));
        CHECK(d.people.at(i) == (e.perMonthPeople.count(key) ? e.perMonthPeople.at(key) : 0));
        CHECK(d.reporting.at(i) == (e.reportingPerMonth.count(key) ? e.reportingPerMonth.at(key) : 0));
        qint64 stacked = 0;
        for (const auto &stack : d.actionsByTheme)
            stacked += stack.at(i);
        CHECK(stacked == d.actions.at(i)); // every action in exactly one stack
        stackedTotal += stacked;
    }
    CHECK(stackedTotal == e.tiles.actions);
    // The named stacks are the most frequent first themes, with their totals.
    for (const PanelCount &c : d.stackThemes)
        if (!c.code.isEmpty())
            CHECK(c.count == e.byFirstTheme.at(c.code));
    std::map<QString, qint64> formats, audiences;
    for (const PanelCount &c : d.byFormat)
        formats[c.code] = c.count;
    for (const PanelCount &c : d.byAudience)
        audiences[c.code] = c.count;
    CHECK(formats == e.byFormat);
    CHECK(audiences == e.byAudience);
    CHECK(d.ranking.size() == e.tiles.expected);
    for (const PanelRankRow &row : d.ranking) {
        CHECK(row.actions ==
              (e.rankActions.count(row.municipality) ? e.rankActions.at(row.municipality) : 0));
        CHECK(row.people == (e.rankPeople.count(row.municipality) ? e.rankPeople.at(row.municipality) : 0));
    }
    for (int i = 1; i < d.ranking.size(); ++i)
        CHECK(d.ranking.at(i - 1).actions >= d.ranking.at(i).actions);
    // The cells: every municipality × month, in the ranking's order.
    REQUIRE(d.cells.size() == d.ranking.size() * d.periods.size());
    for (int i = 0; i < d.cells.size(); ++i) {
        const PanelCell &c = d.cells.at(i);
        CHECK(c.municipality == d.ranking.at(i / d.periods.size()).municipality);
        CHECK(c.period == d.periods.at(i % d.periods.size()));
        const QString key = c.municipality + QLatin1Char('|') + c.period.key();
        CHECK(c.actions == (e.cellActions.count(key) ? e.cellActions.at(key) : 0));
        CHECK(c.people == (e.cellPeople.count(key) ? e.cellPeople.at(key) : 0));
        CHECK(c.coverage == (e.cellCoverage.count(key) ? e.cellCoverage.at(key) : QStringLiteral("missing")));
    }
}

} // namespace

TEST_CASE(
    "Every figure of the panel equals a count made from the reports themselves, for filters that combine")
{
    test::UrsProfile urs;
    const Seeded s = seed(urs, 20261130);
    Services &services = *urs.services;
    const ProgramDefinition program =
        services.programs().engine(kProgram)->program(); // a copy: outlives a reopen
    const QStringList themes = codes(program, QStringLiteral("temas"));
    const QStringList formats = codes(program, QStringLiteral("formatos"));

    QList<PanelFilter> filters;
    PanelFilter all{Period{2026, 4}, Period{2026, 9}};
    filters << all;
    PanelFilter eighty = all; // the reference table's target goes through to the charts
    eighty.target = 0.8;
    filters << eighty;
    PanelFilter received = all;
    received.includeReceived = true;
    filters << received;
    PanelFilter theme = received;
    theme.theme = themes.at(2);
    filters << theme;
    PanelFilter themeFormat = theme;
    themeFormat.format = formats.at(1);
    filters << themeFormat;
    PanelFilter two = all;
    two.municipalities = {s.scope.at(0).ibge, s.scope.at(5).ibge};
    two.format = formats.at(0);
    filters << two;
    PanelFilter oneMonth{Period{2026, 10}, Period{2026, 10}};
    oneMonth.includeReceived = true;
    filters << oneMonth;

    for (const PanelFilter &f : std::as_const(filters)) {
        CAPTURE(f.from.key(), f.to.key(), f.theme, f.format, f.municipalities, f.includeReceived);
        auto d = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
        REQUIRE(d);
        checkPanel(d.value(), s, program);
    }
    // The seed really exercises what it claims to.
    auto d = computePanel(services.database(), services.replica(), program, s.scope, all, s.localStates);
    REQUIRE(d);
    CHECK(d.value().tiles.actions > 30);
    CHECK(d.value().tiles.late > 0);
    CHECK(d.value().tiles.onTime > 0);
    CHECK(d.value().tiles.reporting < d.value().tiles.expected);
    CHECK(d.value().stackThemes.size() == kPanelStackedThemes + 1); // the rest in one stack
    CHECK(d.value().stackThemes.last().code.isEmpty());
    CHECK_FALSE(s.localStates.isEmpty());
}

TEST_CASE("The panel's facts follow the replica: a revision listed with another content loses them, an old "
          "replica gets them")
{
    test::UrsProfile urs;
    const Seeded s = seed(urs, 7);
    Services &services = *urs.services;
    const ProgramDefinition program =
        services.programs().engine(kProgram)->program(); // a copy: outlives a reopen
    PanelFilter f{Period{2026, 1}, Period{2026, 10}};
    f.includeReceived = true;
    auto before = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
    REQUIRE(before);

    SECTION("a replica stored before schema 8 gets its facts when the profile opens")
    {
        REQUIRE(execSql(services.database().db(), QStringLiteral("DELETE FROM replica_actions")));
        REQUIRE(execSql(services.database().db(), QStringLiteral("UPDATE replica_revisions SET facts = 0")));
        auto empty =
            computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
        REQUIRE(empty);
        CHECK(empty.value().tiles.actions == 0);
        urs.services.reset();
        auto reopened = Services::open(urs.dir.path(), urs.clock);
        REQUIRE(reopened);
        auto after = computePanel(reopened.value()->database(), reopened.value()->replica(), program, s.scope,
                                  f, s.localStates);
        REQUIRE(after);
        CHECK(after.value().tiles.actions == before.value().tiles.actions);
        CHECK(after.value().tiles.people == before.value().tiles.people);
        checkPanel(after.value(), s, program);
    }
    SECTION("the hub lists a revision with another hash: its actions stop counting until its manifest comes "
            "again")
    {
        const Sent *target = nullptr;
        for (const Sent &r : s.all)
            if (r.entry.state == QStringLiteral("accepted") && r.report.actions.size() >= 2 &&
                !s.localStates.contains(revisionKey(r.report.uuid, r.report.revision)))
                target = &r;
        REQUIRE(target);
        ReplicaRevision changed = target->entry;
        changed.manifestSha256 = test::sha("another content");
        changed.cursor = 10'000;
        REQUIRE(services.replica().applyPulled({changed}, 10'000));
        auto after =
            computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
        REQUIRE(after);
        CHECK(after.value().tiles.actions == before.value().tiles.actions - target->report.actions.size());
    }
}

TEST_CASE("A panel period that ends before it starts is refused in words")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ProgramDefinition program =
        services.programs().engine(kProgram)->program(); // a copy: outlives a reopen
    auto d = computePanel(services.database(), services.replica(), program, {},
                          PanelFilter{Period{2026, 5}, Period{2026, 4}});
    REQUIRE_FALSE(d);
    CHECK(d.error().code == QStringLiteral("invalid_filter"));
}

TEST_CASE("Another program's reports in the same replica never count in this program's panel")
{
    test::UrsProfile urs;
    const Seeded s = seed(urs, 11);
    Services &services = *urs.services;
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    PanelFilter f{Period{2026, 1}, Period{2026, 10}};
    f.includeReceived = true;
    auto before = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
    REQUIRE(before);

    // A second program with the same fields (the apoio register reuses the roles), and
    // one accepted report of it with three actions.
    QByteArray json = program.sourceJson();
    json.replace("\"id\": \"ses_mg_mobilizacao\"", "\"id\": \"segundo_programa\"");
    auto second = ProgramDefinition::fromJson(json);
    REQUIRE(second);
    REQUIRE(second.value().id() == QStringLiteral("segundo_programa"));
    services.programs().add(second.value());
    QRandomGenerator rng(5);
    Sent other = test::sent(s.scope.first().ibge, Period{2026, 5}, 1, QDateTime(QDate(2026, 6, 5), QTime(12, 0), Qt::UTC),
                            50'000);
    other.report.programId = QStringLiteral("segundo_programa");
    other.entry.program = QStringLiteral("segundo_programa");
    other = withActions(other, 3, second.value(), rng);
    other.entry.state = QStringLiteral("accepted");
    REQUIRE(services.replica().applyPulled({other.entry}, 50'000));
    REQUIRE(services.replica().storeManifest(other.report.uuid, 1, other.manifest));
    // Its facts are there (so the check below means something)…
    auto facts = scalarSql(services.database().db(),
                           QStringLiteral("SELECT COUNT(*) FROM replica_actions WHERE report = ?"), {other.report.uuid});
    REQUIRE(facts);
    REQUIRE(facts.value().toInt() == 3);
    // …and this program's figures do not move.
    auto after = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
    REQUIRE(after);
    CHECK(after.value().tiles.actions == before.value().tiles.actions);
    CHECK(after.value().tiles.people == before.value().tiles.people);
}
