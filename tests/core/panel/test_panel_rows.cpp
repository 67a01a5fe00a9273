// The lists behind the Painel's numbers (core/panel/panel_rows.h) over the seeded
// replica of panel_seed.h: each list's length and sums equal the tile computePanel
// shows for the same filter, and its rows equal a count made from the reports
// themselves — for filters that combine (theme, format, URS, received reports).
#include "core/panel/panel_rows.h"
#include "core/regional/coverage.h"
#include "tests/core/panel/panel_seed.h"

#include <QJsonArray>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

bool inRange(const Period &p, const Period &from, const Period &to)
{
    return !(p < from) && !(to < p);
}

QStringList countedStates(const PanelFilter &f)
{
    QStringList states{QStringLiteral("accepted"), QStringLiteral("forwarded"), QStringLiteral("consolidated")};
    if (f.includeReceived)
        states << QStringLiteral("received") << QStringLiteral("in_review");
    return states;
}

QSet<QString> scopeOf(const Seeded &s, const PanelFilter &f)
{
    QSet<QString> out;
    for (const Municipality &m : s.scope)
        if (f.municipalities.isEmpty() || f.municipalities.contains(m.ibge))
            out.insert(m.ibge);
    return out;
}

// "uuid#position" of every action the filter counts in from … to, from the reports themselves.
QSet<QString> expectedActions(const Seeded &s, const PanelFilter &f, const Period &from, const Period &to,
                              qint64 *people = nullptr)
{
    const QSet<QString> scope = scopeOf(s, f);
    QSet<QString> out;
    for (const Sent *r : latestOf(s)) {
        if (!scope.contains(r->report.municipality) || !inRange(r->report.period, from, to) ||
            !countedStates(f).contains(stateOf(s, *r)))
            continue;
        for (const Action &a : r->report.actions) {
            if (!keeps(f, a))
                continue;
            out.insert(r->report.uuid + QLatin1Char('#') + QString::number(a.position));
            if (people)
                *people += a.values.value(QStringLiteral("people_reached")).toInt();
        }
    }
    return out;
}

QList<PanelActionRow> rowsOf(Services &services, const ProgramDefinition &program, const Seeded &s,
                             const PanelFilter &f, PanelListKind kind)
{
    auto rows =
        panelActionRows(services.database(), services.replica(), program, s.scope, f, s.localStates, kind);
    REQUIRE(rows);
    return rows.value();
}

void checkLists(Services &services, const ProgramDefinition &program, const Seeded &s, const PanelFilter &f)
{
    auto panel = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
    REQUIRE(panel);
    const PanelTiles &tiles = panel.value().tiles;
    QHash<QString, const Sent *> byUuid = latestOf(s);

    // Actions: the actions and people tiles, and the actions themselves.
    const QList<PanelActionRow> actions = rowsOf(services, program, s, f, PanelListKind::Actions);
    CHECK(actions.size() == tiles.actions);
    qint64 people = 0, expectedPeople = 0;
    QSet<QString> got;
    for (const PanelActionRow &r : actions) {
        people += r.people;
        got.insert(r.report + QLatin1Char('#') + QString::number(r.position));
        const Sent *sent = byUuid.value(r.report);
        REQUIRE(sent);
        CHECK(r.revision == sent->report.revision);
        CHECK(r.municipality == sent->report.municipality);
        CHECK(r.period == sent->report.period);
        CHECK(r.reviewState == stateOf(s, *sent));
        const Action &a = sent->report.actions.at(r.position);
        CHECK(r.title == a.values.value(QStringLiteral("title")).toString());
        CHECK(r.format == a.values.value(QStringLiteral("format")).toString());
        QStringList themes;
        for (const QJsonValue &v : a.values.value(QStringLiteral("themes")).toArray())
            if (!themes.contains(v.toString()))
                themes << v.toString();
        CHECK(r.themes == themes);
        CHECK(!r.name.isEmpty());
    }
    CHECK(people == tiles.people);
    CHECK(got == expectedActions(s, f, f.from, f.to, &expectedPeople));
    CHECK(people == expectedPeople);
    for (int i = 1; i < actions.size(); ++i)
        CHECK(!(actions.at(i).period < actions.at(i - 1).period)); // by month

    // Reports: the reporting and on-time tiles, and the reports not returned of the range.
    const QList<PanelActionRow> reports = rowsOf(services, program, s, f, PanelListKind::Reports);
    int lastMonth = 0, onTime = 0, late = 0;
    QSet<QString> reportUuids;
    for (const PanelActionRow &r : reports) {
        lastMonth += r.period == f.to ? 1 : 0;
        onTime += r.coverage == CoverageState::OnTime ? 1 : 0;
        late += r.coverage == CoverageState::Late ? 1 : 0;
        reportUuids.insert(r.report);
        const Sent *sent = byUuid.value(r.report);
        REQUIRE(sent);
        CHECK(r.reviewState == stateOf(s, *sent));
        QDateTime first = sent->entry.receivedAt;
        for (const Sent &o : s.all)
            if (o.report.uuid == r.report && o.entry.receivedAt < first)
                first = o.entry.receivedAt;
        CHECK(r.firstSent == first);
        const CoverageState want = sent->report.noActions ? CoverageState::NoActions
                                   : program.isLate(r.period, brasiliaDate(first)) ? CoverageState::Late
                                                                                    : CoverageState::OnTime;
        CHECK(r.coverage == want);
    }
    CHECK(lastMonth == tiles.reporting);
    CHECK(onTime == tiles.onTime);
    CHECK(late == tiles.late);
    QSet<QString> sentUuids;
    for (const Sent *r : byUuid)
        if (scopeOf(s, f).contains(r->report.municipality) && inRange(r->report.period, f.from, f.to) &&
            stateOf(s, *r) != QStringLiteral("returned"))
            sentUuids.insert(r->report.uuid);
    CHECK(reportUuids == sentUuids);

    // The active núcleos: their actions' municipalities, and the rest of the scope.
    const Period activeFrom = f.to.previous().previous();
    const QList<PanelActionRow> active = rowsOf(services, program, s, f, PanelListKind::ActiveActions);
    QSet<QString> activeIbges, expectedActive;
    for (const PanelActionRow &r : active)
        activeIbges.insert(r.municipality);
    for (const QString &key : expectedActions(s, f, activeFrom, f.to))
        expectedActive.insert(byUuid.value(key.section(QLatin1Char('#'), 0, 0))->report.municipality);
    CHECK(activeIbges.size() == tiles.activeNuclei);
    CHECK(activeIbges == expectedActive);
    CHECK(active.size() == expectedActions(s, f, activeFrom, f.to).size());
    const QList<PanelActionRow> inactive = rowsOf(services, program, s, f, PanelListKind::InactiveMunicipalities);
    CHECK(inactive.size() == tiles.expected - tiles.activeNuclei);
    for (const PanelActionRow &r : inactive) {
        CHECK(!expectedActive.contains(r.municipality));
        CHECK(scopeOf(s, f).contains(r.municipality));
        CHECK(r.report.isEmpty());
    }
}

} // namespace

TEST_CASE("Each list behind the panel's numbers holds exactly the rows its tile counts, for filters that combine")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const Seeded s = seed(urs, 20261201, twoUrs(services.reference()));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const QStringList themes = codes(program, QStringLiteral("temas"));
    const QStringList formats = codes(program, QStringLiteral("formatos"));

    QList<PanelFilter> filters;
    const PanelFilter all{Period{2026, 4}, Period{2026, 9}};
    filters << all;
    PanelFilter received = all;
    received.includeReceived = true;
    filters << received;
    PanelFilter themeUrs = received; // a theme and a URS together
    themeUrs.theme = themes.at(2);
    for (const Municipality &m : s.scope)
        if (m.urs == QStringLiteral("Barbacena"))
            themeUrs.municipalities << m.ibge;
    REQUIRE(themeUrs.municipalities.size() == 6);
    filters << themeUrs;
    PanelFilter themeFormat = all;
    themeFormat.theme = themes.at(1);
    themeFormat.format = formats.at(0);
    filters << themeFormat;
    PanelFilter oneMonth{Period{2026, 10}, Period{2026, 10}};
    oneMonth.includeReceived = true;
    filters << oneMonth;

    for (const PanelFilter &f : std::as_const(filters)) {
        CAPTURE(f.from.key(), f.to.key(), f.theme, f.format, f.municipalities, f.includeReceived);
        checkLists(services, program, s, f);
    }
    // The seed gives every list something to hold.
    auto d = computePanel(services.database(), services.replica(), program, s.scope, themeUrs, s.localStates);
    REQUIRE(d);
    CHECK(d.value().tiles.actions > 0);
    CHECK(d.value().tiles.actions < computePanel(services.database(), services.replica(), program, s.scope,
                                                 received, s.localStates)
                                        .value()
                                        .tiles.actions);
    CHECK(rowsOf(services, program, s, all, PanelListKind::InactiveMunicipalities).size() <
          rowsOf(services, program, s, themeFormat, PanelListKind::InactiveMunicipalities).size());
}

TEST_CASE("The lists behind the panel are read through a worker's own connection, and refuse a bad period")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const Seeded s = seed(urs, 7);
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const PanelFilter f{Period{2026, 1}, Period{2026, 10}};
    // No decision of this installation waits for the hub here (the seed's are only passed in).
    auto direct = panelActionRows(services.database(), services.replica(), program, s.scope, f, {},
                                  PanelListKind::Actions);
    REQUIRE(direct);
    REQUIRE(!direct.value().isEmpty());
    auto viaDir = panelActionRows(urs.dir.path(), urs.clock, program, s.scope, f, PanelListKind::Actions);
    REQUIRE(viaDir);
    CHECK(viaDir.value().size() == direct.value().size());
    auto bad = panelActionRows(services.database(), services.replica(), program, s.scope,
                               PanelFilter{Period{2026, 5}, Period{2026, 4}}, {}, PanelListKind::Reports);
    REQUIRE(!bad);
    CHECK(bad.error().code == QStringLiteral("invalid_filter"));
}
