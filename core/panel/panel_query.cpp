#include "core/panel/panel_query.h"
#include "core/panel/panel_query_p.h"

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"
#include "core/regional/replica_facts.h"
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
    // One statement over the covering index of the periods (schema 10), in its order:
    // each report's latest revision (a report's revisions share its month and
    // municipality: the hub keeps those on the report), of this program (never the
    // apoio register's beside it), in a counted state — this installation's decision
    // on it counting as made. The state and the decision are the latest revision's:
    // SQLite takes a bare column from the row of the MAX() of its group.
    const QStringList states = panelStates(includeReceived);
    QVariantList args{from.isValid() ? from.key() : QString(QLatin1String("")), to.key(), programId};
    for (const QString &state : states)
        args << state;
    return eachRow(
        db,
        QStringLiteral(
            "INSERT INTO temp.panel_pick (report, revision, municipality, month) "
            "SELECT report, revision, idx, month FROM (SELECT r.report, MAX(r.revision) AS revision, s.idx, "
            "CAST(substr(r.period, 1, 4) AS INTEGER) * 12 + CAST(substr(r.period, 6, 2) AS INTEGER) - 1 "
            "AS month, COALESCE(l.state, r.state) AS state "
            "FROM replica_revisions r CROSS JOIN temp.panel_scope s ON s.ibge = r.municipality "
            "LEFT JOIN temp.review_local l ON l.report = r.report AND l.revision = r.revision "
            "WHERE r.period BETWEEN ? AND ? AND r.program = ? GROUP BY r.period, r.municipality, r.report) "
            "WHERE state IN (%1)")
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

// The range's counted actions by code: under their first theme a month, by format,
// by audience — arrays indexed by the codes' numbers (PanelActions).
class ActionTally
{
public:
    ActionTally(const PanelActions &actions, int months)
        : m_actions(actions), m_months(months), m_themeMonths(qsizetype(actions.codeCount()) * months, 0),
          m_formats(actions.codeCount(), 0), m_audiences(actions.codeCount(), 0)
    {
    }

    void add(int action, int month)
    {
        ++m_themeMonths[qsizetype(m_actions.firstTheme(action)) * m_months + month];
        ++m_formats[m_actions.format(action)];
        m_actions.forEachAudience(action, [&](int code) { ++m_audiences[code]; });
    }

    // Each first theme's total and months ('' : actions without a theme).
    void firstThemes(QHash<QString, qint64> &totals, QHash<QString, QVector<qint64>> &perMonth) const
    {
        for (int code = 0; code < m_actions.codeCount(); ++code) {
            const auto months = m_themeMonths.cbegin() + qsizetype(code) * m_months;
            const qint64 total = std::accumulate(months, months + m_months, qint64(0));
            if (total == 0)
                continue;
            const QString name = QString::fromUtf8(m_actions.code(code));
            perMonth.insert(name, QVector<qint64>(months, months + m_months));
            totals.insert(name, total);
        }
    }
    QHash<QString, qint64> formats() const { return named(m_formats); }
    QHash<QString, qint64> audiences() const { return named(m_audiences); }

private:
    QHash<QString, qint64> named(const QVector<qint64> &counts) const
    {
        QHash<QString, qint64> out;
        for (int code = 0; code < counts.size(); ++code)
            if (counts.at(code) > 0)
                out.insert(QString::fromUtf8(m_actions.code(code)), counts.at(code));
        return out;
    }

    const PanelActions &m_actions;
    int m_months;
    QVector<qint64> m_themeMonths; // [code × months + month]
    QVector<qint64> m_formats, m_audiences;
};

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

void panel_detail::PanelInputs::addPicked(int municipality, int month, QByteArrayView packed)
{
    const int first = actions->add(packed);
    picked << PickedRevision{municipality, month, first, actions->size() - first};
}

Period panel_detail::panelInputsFrom(const PanelFilter &filter)
{
    const Period prevTo = filter.from.previous();
    return std::min(addMonths(filter.from, -filter.months()), addMonths(prevTo, -2));
}

PanelData panel_detail::assemblePanel(const PanelFilter &filter, const PanelInputs &inputs)
{
    const int months = filter.months();
    PanelData data;
    data.filter = filter;
    for (Period p = filter.from; !(filter.to < p); p = p.next())
        data.periods << p;
    const Period prevTo = filter.from.previous();
    const Period prevFrom = addMonths(filter.from, -months);
    const Period lo = panelInputsFrom(filter);
    // Month numbers (monthNumber) of the range, the previous one and the active windows.
    const int from = monthNumber(filter.from), to = monthNumber(filter.to);
    const int prevFirst = monthNumber(prevFrom), prevLast = monthNumber(prevTo);
    const QList<Municipality> &municipalities = inputs.municipalities;
    const int count = int(municipalities.size());

    // Coverage, whatever the review state, theme or format, over lo … to.
    const int covMonths = monthsBetween(lo, filter.to) + 1;
    const int covFrom = monthsBetween(lo, filter.from); // index of filter.from in the coverage
    const QVector<CoverageState> &states = inputs.states;
    data.target = filter.target;
    fillCoverageTiles(states, count, covMonths, covFrom, covMonths - 1, data.tiles);
    fillCoverageTiles(states, count, covMonths, covFrom - months, covFrom - 1, data.previous);
    data.reporting = QVector<int>(months, 0);
    for (int i = 0; i < months; ++i)
        for (int m = 0; m < count; ++m)
            data.reporting[i] += coverageCounts(states.at(m * covMonths + covFrom + i)) ? 1 : 0;

    // Each picked revision's actions of lo … to, counted here: the cells, the totals and
    // active núcleos of both ranges, the stacks, formats and audiences of the range.
    data.actions = QVector<qint64>(months, 0);
    data.people = QVector<qint64>(months, 0);
    for (const Municipality &m : std::as_const(municipalities))
        for (const Period &p : std::as_const(data.periods))
            data.cells << PanelCell{m.ibge, p, coverageStateKey(CoverageState::Missing)};
    const PanelActions &actions = *inputs.actions;
    // The filter's codes by number: -1 matches nothing (no action has the code).
    const int theme = filter.theme.isEmpty() ? 0 : actions.codeId(filter.theme.toUtf8());
    const int format = filter.format.isEmpty() ? 0 : actions.codeId(filter.format.toUtf8());
    ActionTally tally(actions, months);
    QSet<int> activeNow, activeBefore;
    for (const PickedRevision &r : inputs.picked) {
        const int m = r.municipality, month = r.month;
        const bool inRange = month >= from && month <= to;
        qint64 n = 0, people = 0;
        for (int a = r.first; a < r.first + r.count; ++a) {
            if ((!filter.theme.isEmpty() && !actions.hasTheme(a, theme)) ||
                (!filter.format.isEmpty() && actions.format(a) != format))
                continue;
            ++n;
            people += actions.people(a);
            if (inRange)
                tally.add(a, month - from);
        }
        if (n == 0)
            continue;
        if (inRange) {
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
    }
    data.tiles.activeNuclei = int(activeNow.size());
    data.previous.activeNuclei = int(activeBefore.size());

    // The stacks: each action under its first theme (none: the rest).
    QHash<QString, qint64> themeTotals;
    QHash<QString, QVector<qint64>> themeMonths;
    tally.firstThemes(themeTotals, themeMonths);
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
    data.byFormat = sortedCounts(tally.formats());
    // An action counts once in each of its audiences (the codes are distinct per action).
    data.byAudience = sortedCounts(tally.audiences());

    // The ranking sums the cells; the cells take their coverage.
    QList<PanelRankRow> rows;
    for (int m = 0; m < count; ++m) {
        PanelRankRow row{municipalities.at(m).ibge};
        for (int i = 0; i < months; ++i) {
            PanelCell &cell = data.cells[m * months + i];
            const CoverageState state = states.at(m * covMonths + covFrom + i);
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

Result<PanelInputs> panel_detail::readPanelInputs(Database &database, const ProgramDefinition &program,
                                                  const QList<Municipality> &municipalities,
                                                  bool includeReceived,
                                                  const QHash<QString, QString> &localStates,
                                                  const Period &lo, const Period &to)
{
    const QSqlDatabase db = database.db();
    PanelInputs inputs;
    inputs.municipalities = municipalities;
    // Coverage, whatever the review state, theme or format: one query over lo … to.
    auto states =
        coverageStates(database, program, municipalities, to, monthsBetween(lo, to) + 1, localStates);
    if (!states)
        return states.error();
    inputs.states = states.value();

    // The revisions whose actions count: each report's latest, in a counted state.
    QStringList ibges;
    for (const Municipality &m : municipalities)
        ibges << m.ibge;
    if (Status s = pickCountedRevisions(db, program.id(), ibges, includeReceived, localStates, lo, to); !s)
        return s.error();
    // Their actions, packed in one row each (schema 12), read in one statement; decoded
    // after it (the statement's time is SQLite's alone: bench/panel, section 2).
    struct Packed
    {
        int municipality, month;
        QByteArray bytes;
    };
    QList<Packed> packed;
    if (Status read =
            eachRow(db,
                    QStringLiteral("SELECT p.municipality, p.month, k.packed FROM temp.panel_pick p "
                                   "CROSS JOIN replica_packed_actions k ON k.report = p.report "
                                   "AND k.revision = p.revision"),
                    {},
                    [&](const QSqlQuery &q) {
                        packed << Packed{q.value(0).toInt(), q.value(1).toInt(), q.value(2).toByteArray()};
                    });
        !read)
        return read.error();
    for (const Packed &p : std::as_const(packed))
        inputs.addPicked(p.municipality, p.month, p.bytes);
    return inputs;
}

Result<PanelData> computePanel(Database &database, const ReplicaService &, const ProgramDefinition &program,
                               const QList<Municipality> &scope, const PanelFilter &filter,
                               const QHash<QString, QString> &localStates)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    ReadSnapshot snapshot(database.db());
    QList<Municipality> municipalities;
    const QSet<QString> wanted(filter.municipalities.begin(), filter.municipalities.end());
    for (const Municipality &m : scope)
        if (wanted.isEmpty() || wanted.contains(m.ibge))
            municipalities << m;
    auto inputs = readPanelInputs(database, program, municipalities, filter.includeReceived, localStates,
                                  panelInputsFrom(filter), filter.to);
    if (!inputs)
        return inputs.error();
    return assemblePanel(filter, inputs.value());
}

} // namespace mobiliza::core
