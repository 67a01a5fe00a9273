// computeNuclei over a replica of two URS's municipalities (panel_seed.h), each
// row compared with a count made from the reports themselves: active núcleos
// (a counted action in the three months ending with the range's last month)
// and new ones (the first counted action ever within the range).
#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"
#include "tests/core/panel/panel_seed.h"

#include <QJsonArray>

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

// Per URS, from each report's latest revision and its actions.
std::map<QString, UrsNuclei> expectedNuclei(const Seeded &s, const PanelFilter &f)
{
    QStringList counted{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                        QStringLiteral("consolidated")};
    if (f.includeReceived)
        counted << QStringLiteral("received") << QStringLiteral("in_review");
    const Period activeFrom = f.to.previous().previous();
    QHash<QString, Period> first; // IBGE → its first month with a counted action
    QSet<QString> active;
    for (const Sent *r : latestOf(s)) {
        const Period p = r->report.period;
        if (f.to < p || !counted.contains(stateOf(s, *r)))
            continue;
        for (const Action &a : r->report.actions) {
            if (!keeps(f, a))
                continue;
            const QString ibge = r->report.municipality;
            if (!first.contains(ibge) || p < first.value(ibge))
                first.insert(ibge, p);
            if (!(p < activeFrom))
                active.insert(ibge);
        }
    }
    std::map<QString, UrsNuclei> rows;
    for (const Municipality &m : s.scope) {
        if (!f.municipalities.isEmpty() && !f.municipalities.contains(m.ibge))
            continue;
        UrsNuclei &row = rows[m.urs];
        row.urs = m.urs;
        ++row.municipalities;
        row.active += active.contains(m.ibge) ? 1 : 0;
        row.fresh += first.contains(m.ibge) && !(first.value(m.ibge) < f.from) ? 1 : 0;
    }
    return rows;
}

} // namespace

TEST_CASE("The núcleos per URS equal a count made from the reports themselves, for filters that combine")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const Seeded s = seed(urs, 20261201, twoUrs(services.reference()));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();

    QList<PanelFilter> filters;
    const PanelFilter all{Period{2026, 4}, Period{2026, 9}};
    filters << all;
    PanelFilter received = all;
    received.includeReceived = true;
    filters << received;
    PanelFilter theme = received;
    theme.theme = codes(program, QStringLiteral("temas")).at(1);
    filters << theme;
    PanelFilter format = all;
    format.format = codes(program, QStringLiteral("formatos")).at(0);
    filters << format;
    PanelFilter two = received;
    two.municipalities = {s.scope.at(0).ibge, s.scope.at(8).ibge}; // one of each URS
    filters << two;
    filters << PanelFilter{Period{2026, 1}, Period{2026, 2}}; // the replica's start: every one active is new
    filters << PanelFilter{Period{2026, 10}, Period{2026, 10}};

    int someNew = 0, someOld = 0;
    for (const PanelFilter &f : std::as_const(filters)) {
        CAPTURE(f.from.key(), f.to.key(), f.theme, f.format, f.municipalities, f.includeReceived);
        auto got = computeNuclei(services.database(), services.replica(), kProgram, s.scope, f, s.localStates);
        REQUIRE(got);
        const auto want = expectedNuclei(s, f);
        REQUIRE(got.value().size() == int(want.size()));
        int active = 0;
        for (const UrsNuclei &row : got.value()) {
            CAPTURE(row.urs);
            REQUIRE(want.count(row.urs) == 1);
            CHECK(row.municipalities == want.at(row.urs).municipalities);
            CHECK(row.active == want.at(row.urs).active);
            CHECK(row.fresh == want.at(row.urs).fresh);
            active += row.active;
            if (f.from == all.from && f.to == all.to && f.theme.isEmpty() && f.format.isEmpty()) {
                someNew += row.fresh;
                someOld += row.active - row.fresh;
            }
        }
        // The same rule as the panel's tile.
        auto panel =
            computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
        REQUIRE(panel);
        CHECK(active == panel.value().tiles.activeNuclei);
    }
    // The seed exercises both: núcleos that are new in the range, and active ones that are not.
    CHECK(someNew > 0);
    CHECK(someOld > 0);

    // By URS name, in pt-BR order.
    auto rows = computeNuclei(services.database(), services.replica(), kProgram, s.scope, all, s.localStates);
    REQUIRE(rows);
    REQUIRE(rows.value().size() == 2);
    CHECK(rows.value().at(0).urs == QStringLiteral("Barbacena"));
    CHECK(rows.value().at(1).urs == QStringLiteral("Belo Horizonte"));
}

TEST_CASE("A municipality is a new núcleo only in the range of its first counted action")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const QList<Municipality> scope =
        services.reference().municipalitiesOfUrs(QStringLiteral("Barbacena")).mid(0, 3);
    // A: counted in February and in May. B: returned in February, counted in May. C: nothing counted.
    const QDateTime at(QDate(2026, 6, 5), QTime(12, 0), Qt::UTC);
    QList<Sent> sent{test::sent(scope.at(0).ibge, Period{2026, 2}, 1, at, 1),
                     test::sent(scope.at(0).ibge, Period{2026, 5}, 1, at, 2),
                     test::sent(scope.at(1).ibge, Period{2026, 2}, 1, at, 3),
                     test::sent(scope.at(1).ibge, Period{2026, 5}, 1, at, 4),
                     test::sent(scope.at(2).ibge, Period{2026, 5}, 1, at, 5)};
    const QStringList states{QStringLiteral("accepted"), QStringLiteral("consolidated"),
                             QStringLiteral("returned"), QStringLiteral("forwarded"),
                             QStringLiteral("received")};
    QList<ReplicaRevision> entries;
    for (int i = 0; i < sent.size(); ++i) {
        sent[i].entry.state = states.at(i);
        entries << sent.at(i).entry;
    }
    REQUIRE(services.replica().applyPulled(entries, 5));
    for (const Sent &s : std::as_const(sent))
        REQUIRE(services.replica().storeManifest(s.report.uuid, s.report.revision, s.manifest));

    const auto nuclei = [&](const PanelFilter &f) {
        auto got = computeNuclei(services.database(), services.replica(), kProgram, scope, f);
        REQUIRE(got);
        REQUIRE(got.value().size() == 1);
        return got.value().first();
    };
    const UrsNuclei spring =
        nuclei(PanelFilter{Period{2026, 5}, Period{2026, 6}}); // B starts on its first month
    CHECK(spring.municipalities == 3);
    CHECK(spring.active == 2); // A and B; C's report is only received
    CHECK(spring.fresh == 1);  // B: A had a counted action in February
    const UrsNuclei winter = nuclei(PanelFilter{Period{2026, 2}, Period{2026, 3}});
    CHECK(winter.active == 1);
    CHECK(winter.fresh == 1); // A
    PanelFilter withReceived{Period{2026, 5}, Period{2026, 6}};
    withReceived.includeReceived = true;
    CHECK(nuclei(withReceived).fresh == 2); // B and C
}
