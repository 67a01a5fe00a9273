#include "core/panel/panel_query.h"
#include "core/panel/panel_query_p.h"

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"
#include "core/regional/replica_service.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <numeric>

namespace mobiliza::core {

namespace panel_detail {

namespace {
QueryTrace &queryTrace()
{
    static QueryTrace trace;
    return trace;
}
} // namespace

void setQueryTrace(QueryTrace trace)
{
    queryTrace() = std::move(trace);
}

Status eachRow(const QSqlDatabase &db, const QString &sql, const QVariantList &args,
               const std::function<void(const QSqlQuery &)> &row)
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return storeError(q.lastError());
    for (int i = 0; i < args.size(); ++i)
        q.bindValue(i, args.at(i));
    if (!q.exec())
        return storeError(q.lastError());
    while (q.isSelect() && q.next())
        if (row)
            row(q);
    q.finish();
    if (queryTrace())
        queryTrace()(sql, args, timer.nsecsElapsed());
    return {};
}

Status fillTemp(const QSqlDatabase &db, const QString &table, const QString &columns,
                const QList<QVariantList> &rows)
{
    if (Status made = eachRow(
            db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1 (%2) WITHOUT ROWID").arg(table, columns));
        !made)
        return made;
    if (Status cleared = eachRow(db, QStringLiteral("DELETE FROM temp.") + table); !cleared)
        return cleared;
    // A few hundred rows a statement, their values bound (and seen whole by the trace).
    constexpr int kRowsPerStatement = 200;
    for (qsizetype first = 0; first < rows.size(); first += kRowsPerStatement) {
        const QList<QVariantList> chunk = rows.mid(first, kRowsPerStatement);
        const QString row = QLatin1Char('(') +
                            QStringLiteral("?, ").repeated(int(chunk.first().size())).chopped(2) +
                            QLatin1Char(')');
        QVariantList args;
        for (const QVariantList &r : chunk)
            args += r;
        const QString values = QString(row + QStringLiteral(", ")).repeated(int(chunk.size())).chopped(2);
        if (Status s = eachRow(
                db, QStringLiteral("INSERT OR IGNORE INTO temp.%1 VALUES %2").arg(table, values), args);
            !s)
            return s;
    }
    return {};
}

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

int monthNumber(const Period &p)
{
    return p.year * 12 + p.month - 1;
}

Status fillLocalStates(const QSqlDatabase &db, const QHash<QString, QString> &localStates)
{
    QList<QVariantList> rows;
    for (auto it = localStates.cbegin(); it != localStates.cend(); ++it)
        rows << QVariantList{it.key().section(QLatin1Char('#'), 0, -2),
                             it.key().section(QLatin1Char('#'), -1).toInt(), it.value()};
    return fillTemp(db, QStringLiteral("review_local"),
                    QStringLiteral("report TEXT NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, "
                                   "PRIMARY KEY (report, revision)"),
                    rows);
}

Status pickCountedRevisions(const QSqlDatabase &db, const QString &programId,
                            const QStringList &municipalities, bool includeReceived,
                            const QHash<QString, QString> &localStates, const Period &from, const Period &to)
{
    QList<QVariantList> scope;
    for (int i = 0; i < municipalities.size(); ++i)
        scope << QVariantList{municipalities.at(i), i};
    if (Status s = fillTemp(db, QStringLiteral("panel_scope"),
                            QStringLiteral("ibge TEXT PRIMARY KEY, idx INTEGER NOT NULL"), scope);
        !s)
        return s;
    if (Status s = fillLocalStates(db, localStates); !s)
        return s;
    if (Status s =
            fillTemp(db, QStringLiteral("panel_pick"),
                     QStringLiteral("report TEXT NOT NULL, revision INTEGER NOT NULL, municipality INTEGER "
                                    "NOT NULL, month INTEGER NOT NULL, PRIMARY KEY (report, revision)"),
                     {});
        !s)
        return s;
    // One statement over the covering index of the periods (schema 9): each report's
    // latest revision, of this program (never the apoio register's beside it), in a
    // counted state — this installation's decision on it counting as made.
    const QStringList states = panelStates(includeReceived);
    QVariantList args{from.isValid() ? from.key() : QString(QLatin1String("")), to.key(), programId};
    for (const QString &state : states)
        args << state;
    return eachRow(
        db,
        QStringLiteral(
            "INSERT INTO temp.panel_pick (report, revision, municipality, month) "
            "SELECT r.report, r.revision, s.idx, CAST(substr(r.period, 1, 4) AS INTEGER) * 12 "
            "+ CAST(substr(r.period, 6, 2) AS INTEGER) - 1 "
            "FROM replica_revisions r CROSS JOIN temp.panel_scope s ON s.ibge = r.municipality "
            "LEFT JOIN temp.review_local l ON l.report = r.report AND l.revision = r.revision "
            "WHERE r.period BETWEEN ? AND ? AND r.program = ? "
            "AND r.revision = (SELECT MAX(x.revision) FROM replica_revisions x WHERE x.report = r.report) "
            "AND COALESCE(l.state, r.state) IN (%1)")
            .arg(QStringLiteral("?, ").repeated(int(states.size())).chopped(2)),
        args);
}

Status pickCountedRevisions(const QSqlDatabase &db, const ReplicaService &, const QString &programId,
                            const QSet<QString> &municipalities, bool includeReceived,
                            const QHash<QString, QString> &localStates, const Period &from, const Period &to)
{
    QStringList ordered(municipalities.begin(), municipalities.end());
    ordered.sort();
    return pickCountedRevisions(db, programId, ordered, includeReceived, localStates, from, to);
}

ActionScope actionScope(const PanelFilter &filter, const Period &from, const Period &to)
{
    // The picked revisions drive (CROSS JOIN keeps them outside): a revision's actions,
    // and its codes of a kind (replica_action_codes_panel), lie together.
    ActionScope s;
    s.sql = QStringLiteral(" FROM temp.panel_pick p");
    if (!filter.theme.isEmpty()) {
        // An action has a theme at most once (replica_facts): a join, not EXISTS per action.
        s.sql +=
            QStringLiteral(" CROSS JOIN replica_action_codes t ON t.report = p.report AND t.revision = "
                           "p.revision AND t.kind = 'theme' AND t.code = ? CROSS JOIN replica_actions a ON "
                           "a.report = t.report AND a.revision = t.revision AND a.position = t.position");
        s.args << filter.theme;
    } else {
        s.sql += QStringLiteral(
            " CROSS JOIN replica_actions a ON a.report = p.report AND a.revision = p.revision");
    }
    s.sql += QStringLiteral(" WHERE p.month BETWEEN ? AND ?");
    s.args << monthNumber(from) << monthNumber(to);
    if (!filter.format.isEmpty()) {
        s.sql += QStringLiteral(" AND a.format = ?");
        s.args << filter.format;
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
    QSet<QString> municipalities;
    Status read = eachRow(db, QStringLiteral("SELECT DISTINCT a.municipality") + active.sql, active.args,
                          [&](const QSqlQuery &q) { municipalities.insert(q.value(0).toString()); });
    if (!read)
        return read.error();
    return municipalities;
}

} // namespace panel_detail

using namespace panel_detail;

namespace {

// The coverage tiles of the months [first, last] of `states` ([municipality × months + month]).
void fillCoverageTiles(const QVector<CoverageState> &states, int municipalities, int months, int first,
                       int last, PanelTiles &tiles)
{
    tiles.expected = municipalities;
    for (int p = std::max(first, 0); p <= last && p < months; ++p) {
        for (int m = 0; m < municipalities; ++m) {
            const CoverageState state = states.at(m * months + p);
            tiles.onTime += state == CoverageState::OnTime ? 1 : 0;
            tiles.late += state == CoverageState::Late ? 1 : 0;
            if (p == last)
                tiles.reporting += coverageCounts(state) ? 1 : 0;
        }
    }
}

void sortCounts(QList<PanelCount> &counts)
{
    std::sort(counts.begin(), counts.end(), [](const PanelCount &a, const PanelCount &b) {
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
}

QList<PanelCount> sortedCounts(const QHash<QString, qint64> &totals)
{
    QList<PanelCount> counts;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        counts << PanelCount{it.key(), it.value()};
    sortCounts(counts);
    return counts;
}

// `sql` with `join` put before its WHERE.
QString joined(QString sql, const QString &join)
{
    return sql.insert(int(sql.indexOf(QStringLiteral(" WHERE "))), join);
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

Result<PanelData> computePanel(Database &database, const ReplicaService &, const ProgramDefinition &program,
                               const QList<Municipality> &scope, const PanelFilter &filter,
                               const QHash<QString, QString> &localStates)
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
    // Month numbers (monthNumber) of the range, the previous one and the active windows.
    const int from = monthNumber(filter.from), to = monthNumber(filter.to);
    const int prevFirst = monthNumber(prevFrom), prevLast = monthNumber(prevTo);

    QList<Municipality> municipalities;
    const QSet<QString> wanted(filter.municipalities.begin(), filter.municipalities.end());
    for (const Municipality &m : scope)
        if (wanted.isEmpty() || wanted.contains(m.ibge))
            municipalities << m;
    const int count = int(municipalities.size());

    // Coverage, whatever the review state, theme or format: one query over lo … to.
    const int covMonths = monthsBetween(lo, filter.to) + 1;
    const int covFrom = monthsBetween(lo, filter.from); // index of filter.from in the coverage
    auto states = coverageStates(database, program, municipalities, filter.to, covMonths, localStates);
    if (!states)
        return states.error();
    data.target = filter.target;
    fillCoverageTiles(states.value(), count, covMonths, covFrom, covMonths - 1, data.tiles);
    fillCoverageTiles(states.value(), count, covMonths, covFrom - months, covFrom - 1, data.previous);
    data.reporting = QVector<int>(months, 0);
    for (int i = 0; i < months; ++i)
        for (int m = 0; m < count; ++m)
            data.reporting[i] += coverageCounts(states.value().at(m * covMonths + covFrom + i)) ? 1 : 0;

    // The revisions whose actions count: each report's latest, in a counted state.
    QStringList ibges;
    for (const Municipality &m : std::as_const(municipalities))
        ibges << m.ibge;
    if (Status s =
            pickCountedRevisions(db, program.id(), ibges, filter.includeReceived, localStates, lo, filter.to);
        !s)
        return s.error();

    // Each municipality's months (the cells), with the totals and active núcleos of both
    // ranges, from one pass over the actions of lo … to: a row per picked revision.
    data.actions = QVector<qint64>(months, 0);
    data.people = QVector<qint64>(months, 0);
    for (const Municipality &m : std::as_const(municipalities))
        for (const Period &p : std::as_const(data.periods))
            data.cells << PanelCell{m.ibge, p, coverageStateKey(CoverageState::Missing)};
    QSet<int> activeNow, activeBefore;
    const ActionScope all = actionScope(filter, lo, filter.to);
    Status perRevision = eachRow(db,
                                 QStringLiteral("SELECT p.municipality, p.month, COUNT(*), SUM(a.people)") +
                                     all.sql + QStringLiteral(" GROUP BY p.report, p.revision"),
                                 all.args, [&](const QSqlQuery &q) {
                                     const int m = q.value(0).toInt(), month = q.value(1).toInt();
                                     const qint64 n = q.value(2).toLongLong(),
                                                  people = q.value(3).toLongLong();
                                     if (month >= from && month <= to) {
                                         PanelCell &cell = data.cells[m * months + month - from];
                                         cell.actions += n;
                                         cell.people += people;
                                         data.actions[month - from] += n;
                                         data.people[month - from] += people;
                                         data.tiles.actions += n;
                                         data.tiles.people += people;
                                     } else if (month >= prevFirst && month <= prevLast) {
                                         data.previous.actions += n;
                                         data.previous.people += people;
                                     }
                                     if (month >= to - 2 && month <= to)
                                         activeNow.insert(m);
                                     if (month >= prevLast - 2 && month <= prevLast)
                                         activeBefore.insert(m);
                                 });
    if (!perRevision)
        return perRevision.error();
    data.tiles.activeNuclei = int(activeNow.size());
    data.previous.activeNuclei = int(activeBefore.size());

    // The stacks: each action under its first theme. Unfiltered, straight from the
    // revisions' first themes (an action without any is the month's rest).
    const ActionScope range = actionScope(filter, filter.from, filter.to);
    const bool unfiltered = filter.theme.isEmpty() && filter.format.isEmpty();
    const QString inRange = QStringLiteral(" WHERE p.month BETWEEN ? AND ?");
    const QVariantList monthArgs{from, to};
    QHash<QString, qint64> themeTotals;
    QHash<QString, QVector<qint64>> themeMonths;
    QVector<qint64> themed(months, 0);
    Status stacked = eachRow(
        db,
        unfiltered
            ? QStringLiteral("SELECT p.month, f.code, COUNT(*) FROM temp.panel_pick p CROSS JOIN "
                             "replica_action_codes f ON f.report = p.report AND f.revision = p.revision AND "
                             "f.kind = 'theme' AND f.ord = 0") +
                  inRange + QStringLiteral(" GROUP BY 1, 2")
            : QStringLiteral("SELECT p.month, COALESCE(f.code, ''), COUNT(*)") +
                  joined(range.sql, QStringLiteral(" LEFT JOIN replica_action_codes f ON f.report = a.report "
                                                   "AND f.revision = a.revision AND f.position = a.position "
                                                   "AND f.kind = 'theme' AND f.ord = 0")) +
                  QStringLiteral(" GROUP BY 1, 2"),
        unfiltered ? monthArgs : range.args, [&](const QSqlQuery &q) {
            const int i = q.value(0).toInt() - from;
            const QString theme = q.value(1).toString();
            const qint64 n = q.value(2).toLongLong();
            themeTotals[theme] += n;
            QVector<qint64> &perMonth = themeMonths[theme];
            if (perMonth.isEmpty())
                perMonth = QVector<qint64>(months, 0);
            if (i >= 0 && i < months) {
                perMonth[i] += n;
                themed[i] += n;
            }
        });
    if (!stacked)
        return stacked.error();
    if (unfiltered) {
        for (int i = 0; i < months; ++i) {
            if (data.actions.at(i) <= themed.at(i))
                continue;
            QVector<qint64> &rest = themeMonths[QString()];
            if (rest.isEmpty())
                rest = QVector<qint64>(months, 0);
            rest[i] += data.actions.at(i) - themed.at(i);
            themeTotals[QString()] += data.actions.at(i) - themed.at(i);
        }
    }
    QHash<QString, int> stackOf;
    PanelCount others;
    for (const PanelCount &c : sortedCounts(themeTotals)) {
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
    for (auto it = themeMonths.cbegin(); it != themeMonths.cend(); ++it) {
        const int stack = stackOf.value(it.key(), int(data.stackThemes.size()) - 1);
        for (int i = 0; stack >= 0 && i < months; ++i)
            data.actionsByTheme[stack][i] += it.value().at(i);
    }

    const auto counts = [&](const QString &sql, const QVariantList &args) -> Result<QList<PanelCount>> {
        QList<PanelCount> out;
        Status read = eachRow(db, sql, args, [&](const QSqlQuery &q) {
            out << PanelCount{q.value(0).toString(), q.value(1).toLongLong()};
        });
        if (!read)
            return read.error();
        sortCounts(out);
        return out;
    };
    auto formats = counts(
        QStringLiteral("SELECT a.format, COUNT(*)") + range.sql + QStringLiteral(" GROUP BY 1"), range.args);
    if (!formats)
        return formats.error();
    data.byFormat = formats.value();
    // An action counts once in each of its audiences (the codes are distinct per action).
    auto audiences = counts(
        unfiltered ? QStringLiteral(
                         "SELECT c.code, COUNT(*) FROM temp.panel_pick p CROSS JOIN replica_action_codes c "
                         "ON c.report = p.report AND c.revision = p.revision AND c.kind = 'audience'") +
                         inRange + QStringLiteral(" GROUP BY 1")
                   : QStringLiteral("SELECT c.code, COUNT(*)") +
                         joined(range.sql,
                                QStringLiteral(" CROSS JOIN replica_action_codes c ON c.report = a.report "
                                               "AND c.revision = a.revision AND c.position = a.position "
                                               "AND c.kind = 'audience'")) +
                         QStringLiteral(" GROUP BY 1"),
        unfiltered ? monthArgs : range.args);
    if (!audiences)
        return audiences.error();
    data.byAudience = audiences.value();

    // The ranking sums the cells; the cells take their coverage.
    QList<PanelRankRow> rows;
    for (int m = 0; m < count; ++m) {
        PanelRankRow row{municipalities.at(m).ibge};
        for (int i = 0; i < months; ++i) {
            PanelCell &cell = data.cells[m * months + i];
            const CoverageState state = states.value().at(m * covMonths + covFrom + i);
            cell.coverage = coverageStateKey(state);
            row.monthsReported += coverageCounts(state) ? 1 : 0;
            row.actions += cell.actions;
            row.people += cell.people;
        }
        rows << row;
    }
    QList<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const PanelRankRow &x = rows.at(a), &y = rows.at(b);
        if (x.actions != y.actions)
            return x.actions > y.actions;
        if (x.people != y.people)
            return x.people > y.people;
        return x.municipality < y.municipality;
    });
    // The cells in the ranking's order.
    QList<PanelCell> ordered;
    ordered.reserve(data.cells.size());
    for (const int m : std::as_const(order)) {
        data.ranking << rows.at(m);
        for (int i = 0; i < months; ++i)
            ordered << data.cells.at(m * months + i);
    }
    data.cells = ordered;
    return data;
}

} // namespace mobiliza::core
