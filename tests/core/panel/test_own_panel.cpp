// computeOwnPanel: a municipal profile's Painel over its own reports, each figure
// compared with a count made from the seeded months themselves (own_seed.h).
#include "tests/support/catch_qt.h"

#include "core/domain/clock.h"
#include "core/panel/own_panel.h"
#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"
#include "tests/core/panel/own_seed.h"
#include "tests/support/temp_dir.h"

#include <QTimeZone>

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

struct Counted
{
    qint64 actions = 0, people = 0;
    std::map<QString, qint64> byFormat, byAudience, perMonth; // perMonth: period key
};

bool counts(const test::own::Month &m, bool includeUnaccepted)
{
    static const QStringList accepted{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                                      QStringLiteral("consolidated")};
    return includeUnaccepted || accepted.contains(m.state);
}

Counted countBy(const QList<test::own::Month> &months, const Period &from, const Period &to,
                bool includeUnaccepted, const QString &theme = {})
{
    Counted c;
    for (const auto &m : months) {
        if (m.period < from || to < m.period || !counts(m, includeUnaccepted))
            continue;
        for (const QJsonObject &a : m.actions) {
            if (!theme.isEmpty() && !a.value(QStringLiteral("themes")).toArray().contains(theme))
                continue;
            ++c.actions;
            c.people += a.value(QStringLiteral("people_reached")).toInt();
            ++c.byFormat[a.value(QStringLiteral("format")).toString()];
            for (const QJsonValue &v : a.value(QStringLiteral("audience")).toArray())
                ++c.byAudience[v.toString()];
            ++c.perMonth[m.period.key()];
        }
    }
    return c;
}

// The month's coverage as the brief says, from the seed's own words.
QString coverageOf(const QList<test::own::Month> &months, const Period &p, const ProgramDefinition &program)
{
    for (const auto &m : months) {
        if (m.period != p)
            continue;
        // Returned, or its correction not yet at the URS.
        if (m.state == QLatin1String("returned") ||
            (m.revision > 1 && m.state != QLatin1String("received") && m.state != QLatin1String("accepted")))
            return QStringLiteral("returned");
        if (m.hubReceived.isEmpty())
            return QStringLiteral("missing");
        if (m.noActions)
            return QStringLiteral("no_actions");
        const QDateTime at = QDateTime::fromString(m.hubReceived, Qt::ISODateWithMs);
        return at.addSecs(-3 * 3600).date() > program.deadline(p) ? QStringLiteral("late")
                                                                  : QStringLiteral("on_time");
    }
    return QStringLiteral("missing");
}

} // namespace

TEST_CASE("own panel: a municipality's figures are those of its own months, in every state")
{
    test::TempDir dir;
    FixedClock clock{QDateTime(QDate(2026, 5, 15), QTime(12, 0), QTimeZone::utc())};
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    const QList<test::own::Month> seeded = test::own::seed(*opened.value());
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const auto bh = ReferenceData::embedded().municipality(QStringLiteral("3106200"));
    REQUIRE(bh);

    PanelFilter f;
    f.from = {2025, 10};
    f.to = {2026, 5};
    f.municipalities = {bh->ibge};
    const Period prevFrom{2025, 2}, prevTo{2025, 9};
    for (const bool unaccepted : {true, false}) {
        DYNAMIC_SECTION("reports not yet accepted " << (unaccepted ? "count" : "do not count"))
        {
            f.includeReceived = unaccepted;
            auto data = computeOwnPanel(opened.value()->database(), program, *bh, f);
            REQUIRE(data.ok());
            Counted now = countBy(seeded, f.from, f.to, unaccepted);
            const Counted before = countBy(seeded, prevFrom, prevTo, unaccepted);
            CHECK(data.value().tiles.actions == now.actions);
            CHECK(data.value().tiles.people == now.people);
            CHECK(data.value().previous.actions == before.actions);
            CHECK(data.value().previous.people == before.people);
            for (const PanelCount &c : data.value().byFormat)
                CHECK(c.count == now.byFormat[c.code]);
            CHECK(data.value().byFormat.size() == qsizetype(now.byFormat.size()));
            for (const PanelCount &c : data.value().byAudience)
                CHECK(c.count == now.byAudience[c.code]);
            CHECK(data.value().byAudience.size() == qsizetype(now.byAudience.size()));
            REQUIRE(data.value().periods.size() == 8);
            // Months reported, of the range and of the one before; on time against late.
            int reported = 0, reportedBefore = 0, onTime = 0, late = 0;
            for (Period p = prevFrom; !(f.to < p); p = p.next()) {
                const QString cov = coverageOf(seeded, p, program);
                const bool sent = cov == QLatin1String("on_time") || cov == QLatin1String("late") ||
                                  cov == QLatin1String("no_actions");
                (p < f.from ? reportedBefore : reported) += sent ? 1 : 0;
                if (!(p < f.from)) {
                    onTime += cov == QLatin1String("on_time") ? 1 : 0;
                    late += cov == QLatin1String("late") ? 1 : 0;
                }
            }
            CHECK(data.value().tiles.reporting == reported);
            CHECK(data.value().tiles.expected == 8);
            CHECK(data.value().previous.reporting == reportedBefore);
            CHECK(data.value().tiles.onTime == onTime);
            CHECK(data.value().tiles.late == late);
            // The seed has every case: on time, late (by Brasília's day), sem ações, returned and
            // a correction not yet sent, never sent.
            CHECK(onTime >= 2);
            CHECK(late == 1);
            QStringList seen;
            for (const PanelCell &cell : data.value().cells)
                seen << cell.coverage;
            for (const char *key : {"on_time", "late", "no_actions", "returned", "missing"})
                CHECK(seen.contains(QLatin1String(key)));
            CHECK(seen.count(QStringLiteral("returned")) == 2);
            // The cells: each month's coverage, counts and report.
            REQUIRE(data.value().cells.size() == 8);
            for (int i = 0; i < 8; ++i) {
                const PanelCell &cell = data.value().cells.at(i);
                CHECK(cell.period == data.value().periods.at(i));
                CHECK(cell.coverage == coverageOf(seeded, cell.period, program));
                CHECK(cell.actions == now.perMonth[cell.period.key()]);
                CHECK(data.value().actions.at(i) == now.perMonth[cell.period.key()]);
                QString uuid, state;
                for (const auto &m : seeded)
                    if (m.period == cell.period)
                        uuid = m.uuid, state = m.state;
                CHECK(cell.report == uuid);
                CHECK(cell.reportState == state);
            }
        }
    }

    SECTION("a theme keeps the actions that have it, under any of their themes")
    {
        f.includeReceived = true;
        f.theme = QStringLiteral("saude_mental");
        auto data = computeOwnPanel(opened.value()->database(), program, *bh, f);
        REQUIRE(data.ok());
        const Counted now = countBy(seeded, f.from, f.to, true, f.theme);
        CHECK(now.actions == 3); // the seed has what the case is about
        CHECK(data.value().tiles.actions == now.actions);
        CHECK(data.value().tiles.people == now.people);
    }

    SECTION("another municipality's reports (an older profile's) never count")
    {
        const auto other = ReferenceData::embedded().municipality(QStringLiteral("3139409"));
        REQUIRE(other);
        f.includeReceived = true;
        auto data = computeOwnPanel(opened.value()->database(), program, *other, f);
        REQUIRE(data.ok());
        CHECK(data.value().tiles.actions == 0);
        CHECK(data.value().tiles.reporting == 0);
    }

    SECTION("a period that ends before it starts is refused in words")
    {
        f.from = {2026, 5};
        f.to = {2026, 1};
        auto data = computeOwnPanel(opened.value()->database(), program, *bh, f);
        REQUIRE_FALSE(data.ok());
        CHECK(data.error().code == QStringLiteral("invalid_filter"));
    }
}
