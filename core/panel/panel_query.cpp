#include "core/panel/panel_query.h"
#include "core/panel/panel_query_p.h"

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace mobiliza::core {

namespace panel_detail {

int monthsBetween(const Period &a, const Period &b)
{
    return (b.year - a.year) * 12 + (b.month - a.month);
}

Period addMonths(Period p, int n)
{
    for (; n > 0; --n)
        p = p.next();
    for (; n < 0; ++n)
        p = p.previous();
    return p;
}

ReadSnapshot::ReadSnapshot(const QSqlDatabase &db) : m_db(db)
{
    m_open = execSql(m_db, QStringLiteral("BEGIN")).ok();
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_open)
        execSql(m_db, QStringLiteral("COMMIT"));
}

Status pickCountedRevisions(const QSqlDatabase &db, const ReplicaService &replica, const QString &programId,
                            const QSet<QString> &municipalities, bool includeReceived,
                            const QHash<QString, QString> &localStates, const Period &from, const Period &to)
{
    const QStringList states = panelStates(includeReceived);
    auto made = execSql(
        db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS panel_pick (report TEXT NOT NULL, "
                           "revision INTEGER NOT NULL, PRIMARY KEY (report, revision)) WITHOUT ROWID"));
    if (!made)
        return made.error();
    if (auto cleared = execSql(db, QStringLiteral("DELETE FROM temp.panel_pick")); !cleared)
        return cleared.error();
    // One prepared statement for every row: "every period" may be a state's ten years.
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO temp.panel_pick (report, revision) VALUES (?, ?)")))
        return storeError(insert.lastError());
    const auto pick = [&](const QList<ReplicaRevision> &revisions) -> Status {
        for (const ReplicaRevision &r : revisions) {
            // Another program's reports (the apoio register beside SES-MG's) never mix in.
            if (to < r.period || r.program != programId || !municipalities.contains(r.municipality))
                continue;
            if (!states.contains(localStates.value(revisionKey(r.report, r.revision), r.state)))
                continue;
            insert.bindValue(0, r.report);
            insert.bindValue(1, r.revision);
            if (!insert.exec())
                return storeError(insert.lastError());
        }
        return {};
    };
    if (!from.isValid()) {
        auto latest = replica.latest();
        if (!latest)
            return latest.error();
        return pick(latest.value());
    }
    for (Period p = from; !(to < p); p = p.next()) {
        auto latest = replica.latest(p);
        if (!latest)
            return latest.error();
        if (Status s = pick(latest.value()); !s)
            return s;
    }
    return {};
}

ActionScope actionScope(const PanelFilter &filter, const Period &from, const Period &to)
{
    ActionScope s;
    s.sql = QStringLiteral(" FROM temp.panel_pick p JOIN replica_actions a ON a.report = p.report "
                           "AND a.revision = p.revision WHERE a.period BETWEEN ? AND ?");
    s.args = {from.key(), to.key()};
    if (!filter.format.isEmpty()) {
        s.sql += QStringLiteral(" AND a.format = ?");
        s.args << filter.format;
    }
    if (!filter.theme.isEmpty()) {
        s.sql +=
            QStringLiteral(" AND EXISTS (SELECT 1 FROM replica_action_codes t WHERE t.report = a.report "
                           "AND t.revision = a.revision AND t.position = a.position AND t.kind = 'theme' "
                           "AND t.code = ?)");
        s.args << filter.theme;
    }
    return s;
}

Status checkFilter(const PanelFilter &filter)
{
    const auto invalid = [](const QString &why) {
        return Error{QStringLiteral("invalid_filter"),
                     QCoreApplication::translate("Panel", "The panel's period is not valid: %1").arg(why)};
    };
    if (filter.months() == 0)
        return invalid(QCoreApplication::translate("Panel", "the first month must come before the last."));
    if (filter.months() > 240)
        return invalid(QCoreApplication::translate("Panel", "choose at most 20 years."));
    return {};
}

Result<QSet<QString>> activeMunicipalities(const QSqlDatabase &db, const PanelFilter &filter,
                                           const Period &to)
{
    const ActionScope active = actionScope(filter, addMonths(to, -2), to);
    auto q = runSql(db, QStringLiteral("SELECT DISTINCT a.municipality") + active.sql, active.args);
    if (!q)
        return q.error();
    QSet<QString> municipalities;
    while (q.value().next())
        municipalities.insert(q.value().value(0).toString());
    return municipalities;
}

} // namespace panel_detail

using namespace panel_detail;

namespace {

Status fillTotals(const QSqlDatabase &db, const PanelFilter &filter, const Period &from, const Period &to,
                  PanelTiles &tiles)
{
    const ActionScope s = actionScope(filter, from, to);
    auto q = runSql(db, QStringLiteral("SELECT COUNT(*), COALESCE(SUM(a.people), 0)") + s.sql, s.args);
    if (!q)
        return q.error();
    if (q.value().next()) {
        tiles.actions = q.value().value(0).toLongLong();
        tiles.people = q.value().value(1).toLongLong();
    }
    auto active = activeMunicipalities(db, filter, to);
    if (!active)
        return active.error();
    tiles.activeNuclei = int(active.value().size());
    return {};
}

void fillCoverageTiles(const CoverageGrid &grid, const Period &from, const Period &to, PanelTiles &tiles)
{
    tiles.expected = grid.expected();
    for (int i = 0; i < grid.periods.size(); ++i) {
        const Period p = grid.periods.at(i);
        if (p < from || to < p)
            continue;
        if (p == to)
            tiles.reporting = grid.covered(i);
        for (const CoverageRow &row : grid.rows) {
            const CoverageState state = row.cells.at(i).state;
            tiles.onTime += state == CoverageState::OnTime ? 1 : 0;
            tiles.late += state == CoverageState::Late ? 1 : 0;
        }
    }
}

// Grouped counts: "SELECT key, COUNT(*) …" → most first, then by code.
Result<QList<PanelCount>> countsOf(const QSqlDatabase &db, const QString &sql, const QVariantList &args)
{
    auto q = runSql(db, sql, args);
    if (!q)
        return q.error();
    QList<PanelCount> counts;
    while (q.value().next())
        counts << PanelCount{q.value().value(0).toString(), q.value().value(1).toLongLong()};
    std::sort(counts.begin(), counts.end(), [](const PanelCount &a, const PanelCount &b) {
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
    return counts;
}

} // namespace

int PanelFilter::months() const
{
    return from.isValid() && to.isValid() && !(to < from) ? monthsBetween(from, to) + 1 : 0;
}

QStringList panelStates(bool includeReceived)
{
    QStringList states{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                       QStringLiteral("consolidated")};
    if (includeReceived)
        states << QStringLiteral("received") << QStringLiteral("in_review");
    return states;
}

double PanelTiles::onTimeRate() const
{
    return onTime + late > 0 ? double(onTime) / double(onTime + late) : -1.0;
}

Result<PanelData> computePanel(Database &database, const ReplicaService &replica,
                               const ProgramDefinition &program, const QList<Municipality> &scope,
                               const PanelFilter &filter, const QHash<QString, QString> &localStates)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    const int months = filter.months();
    const QSqlDatabase db = database.db();
    ReadSnapshot snapshot(db);

    PanelData data;
    data.filter = filter;
    for (Period p = filter.from; !(filter.to < p); p = p.next())
        data.periods << p;
    const Period prevTo = filter.from.previous();
    const Period prevFrom = addMonths(filter.from, -months);
    const Period lo = std::min(prevFrom, addMonths(prevTo, -2));

    QList<Municipality> municipalities;
    const QSet<QString> wanted(filter.municipalities.begin(), filter.municipalities.end());
    for (const Municipality &m : scope)
        if (wanted.isEmpty() || wanted.contains(m.ibge))
            municipalities << m;
    QSet<QString> inScope;
    for (const Municipality &m : municipalities)
        inScope.insert(m.ibge);

    // Coverage, whatever the review state, theme or format.
    auto grid = computeCoverage(replica, program, municipalities, filter.to, monthsBetween(lo, filter.to) + 1,
                                localStates);
    if (!grid)
        return grid.error();
    data.target = filter.target;
    fillCoverageTiles(grid.value(), filter.from, filter.to, data.tiles);
    fillCoverageTiles(grid.value(), prevFrom, prevTo, data.previous);
    for (const Period &p : std::as_const(data.periods)) {
        const int i = int(grid.value().periods.indexOf(p));
        data.reporting << (i >= 0 ? grid.value().covered(i) : 0);
    }

    // The revisions whose actions count: each report's latest, in a counted state.
    if (Status s =
            pickCountedRevisions(db, replica, program.id(), inScope, filter.includeReceived, localStates, lo, filter.to);
        !s)
        return s.error();

    if (Status s = fillTotals(db, filter, filter.from, filter.to, data.tiles); !s)
        return s.error();
    if (Status s = fillTotals(db, filter, prevFrom, prevTo, data.previous); !s)
        return s.error();

    const ActionScope range = actionScope(filter, filter.from, filter.to);
    data.actions = QVector<qint64>(months, 0);
    data.people = QVector<qint64>(months, 0);
    auto perMonth = runSql(db,
                           QStringLiteral("SELECT a.period, COUNT(*), COALESCE(SUM(a.people), 0)") +
                               range.sql + QStringLiteral(" GROUP BY a.period"),
                           range.args);
    if (!perMonth)
        return perMonth.error();
    while (perMonth.value().next()) {
        const int i = monthsBetween(filter.from, Period::fromKey(perMonth.value().value(0).toString()));
        if (i >= 0 && i < months) {
            data.actions[i] = perMonth.value().value(1).toLongLong();
            data.people[i] = perMonth.value().value(2).toLongLong();
        }
    }

    // The stacks: each action under its first theme.
    const QString firstTheme =
        QStringLiteral(" LEFT JOIN replica_action_codes f ON f.report = a.report AND f.revision = a.revision "
                       "AND f.position = a.position AND f.kind = 'theme' AND f.ord = 0");
    QString stackSql = range.sql;
    stackSql.insert(stackSql.indexOf(QStringLiteral(" WHERE ")), firstTheme);
    auto themeTotals = countsOf(db,
                                QStringLiteral("SELECT COALESCE(f.code, ''), COUNT(*)") + stackSql +
                                    QStringLiteral(" GROUP BY 1"),
                                range.args);
    if (!themeTotals)
        return themeTotals.error();
    QHash<QString, int> stackOf;
    PanelCount others;
    for (const PanelCount &c : themeTotals.value()) {
        if (!c.code.isEmpty() && stackOf.size() < kPanelStackedThemes) {
            stackOf.insert(c.code, int(data.stackThemes.size()));
            data.stackThemes << c;
        } else {
            others.count += c.count;
        }
    }
    if (others.count > 0)
        data.stackThemes << others;
    for (int i = 0; i < data.stackThemes.size(); ++i)
        data.actionsByTheme << QVector<qint64>(months, 0);
    auto stacked = runSql(db,
                          QStringLiteral("SELECT a.period, COALESCE(f.code, ''), COUNT(*)") + stackSql +
                              QStringLiteral(" GROUP BY 1, 2"),
                          range.args);
    if (!stacked)
        return stacked.error();
    while (stacked.value().next()) {
        const int i = monthsBetween(filter.from, Period::fromKey(stacked.value().value(0).toString()));
        const int stack =
            stackOf.value(stacked.value().value(1).toString(), int(data.stackThemes.size()) - 1);
        if (i >= 0 && i < months && stack >= 0)
            data.actionsByTheme[stack][i] += stacked.value().value(2).toLongLong();
    }

    auto formats = countsOf(
        db, QStringLiteral("SELECT a.format, COUNT(*)") + range.sql + QStringLiteral(" GROUP BY a.format"),
        range.args);
    if (!formats)
        return formats.error();
    data.byFormat = formats.value();
    QString audienceSql = range.sql;
    audienceSql.insert(audienceSql.indexOf(QStringLiteral(" WHERE ")),
                       QStringLiteral(" JOIN replica_action_codes c ON c.report = a.report AND c.revision = "
                                      "a.revision AND c.position = a.position AND c.kind = 'audience'"));
    auto audiences = countsOf(
        db, QStringLiteral("SELECT c.code, COUNT(*)") + audienceSql + QStringLiteral(" GROUP BY c.code"),
        range.args);
    if (!audiences)
        return audiences.error();
    data.byAudience = audiences.value();

    // Each municipality's months (the cells), then the ranking that sums them.
    QHash<QString, int> rowOf; // IBGE → index of its first cell
    for (const Municipality &m : std::as_const(municipalities)) {
        rowOf.insert(m.ibge, int(data.cells.size()));
        for (const Period &p : std::as_const(data.periods))
            data.cells << PanelCell{m.ibge, p, coverageStateKey(CoverageState::Missing)};
    }
    auto perCell =
        runSql(db,
               QStringLiteral("SELECT a.municipality, a.period, COUNT(*), COALESCE(SUM(a.people), 0)") +
                   range.sql + QStringLiteral(" GROUP BY a.municipality, a.period"),
               range.args);
    if (!perCell)
        return perCell.error();
    while (perCell.value().next()) {
        const auto it = rowOf.constFind(perCell.value().value(0).toString());
        const int i = monthsBetween(filter.from, Period::fromKey(perCell.value().value(1).toString()));
        if (it == rowOf.constEnd() || i < 0 || i >= months)
            continue;
        PanelCell &cell = data.cells[*it + i];
        cell.actions = perCell.value().value(2).toLongLong();
        cell.people = perCell.value().value(3).toLongLong();
    }
    QHash<QString, PanelRankRow> rows;
    for (const Municipality &m : std::as_const(municipalities))
        rows.insert(m.ibge, PanelRankRow{m.ibge});
    for (int g = 0; g < grid.value().periods.size(); ++g) {
        const int i = monthsBetween(filter.from, grid.value().periods.at(g));
        if (i < 0 || i >= months)
            continue;
        for (const CoverageRow &row : grid.value().rows) {
            const CoverageState state = row.cells.at(g).state;
            data.cells[rowOf.value(row.municipality.ibge) + i].coverage = coverageStateKey(state);
            if (coverageCounts(state))
                ++rows[row.municipality.ibge].monthsReported;
        }
    }
    for (const PanelCell &cell : std::as_const(data.cells)) {
        PanelRankRow &r = rows[cell.municipality];
        r.actions += cell.actions;
        r.people += cell.people;
    }
    data.ranking = rows.values();
    std::sort(data.ranking.begin(), data.ranking.end(), [](const PanelRankRow &a, const PanelRankRow &b) {
        if (a.actions != b.actions)
            return a.actions > b.actions;
        if (a.people != b.people)
            return a.people > b.people;
        return a.municipality < b.municipality;
    });
    // The cells in the ranking's order.
    QList<PanelCell> ordered;
    ordered.reserve(data.cells.size());
    for (const PanelRankRow &r : std::as_const(data.ranking))
        for (int i = 0; i < months; ++i)
            ordered << data.cells.at(rowOf.value(r.municipality) + i);
    data.cells = ordered;
    return data;
}

} // namespace mobiliza::core
