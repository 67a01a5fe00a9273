#include "core/regional/coverage.h"

#include "core/panel/panel_query_p.h"
#include "core/program/program_definition.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/audit.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <optional>

namespace mobiliza::core {

QString coverageStateKey(CoverageState state)
{
    switch (state) {
    case CoverageState::OnTime:
        return QStringLiteral("on_time");
    case CoverageState::Late:
        return QStringLiteral("late");
    case CoverageState::NoActions:
        return QStringLiteral("no_actions");
    case CoverageState::Returned:
        return QStringLiteral("returned");
    case CoverageState::Missing:
        return QStringLiteral("missing");
    }
    return {};
}

QString coverageStateLabel(CoverageState state)
{
    switch (state) {
    case CoverageState::OnTime:
        return QCoreApplication::translate("Coverage", "Sent on time");
    case CoverageState::Late:
        return QCoreApplication::translate("Coverage", "Sent late");
    case CoverageState::NoActions:
        return QCoreApplication::translate("Coverage", "No actions in the month (justified)");
    case CoverageState::Returned:
        return QCoreApplication::translate("Coverage", "Returned for correction");
    case CoverageState::Missing:
        return QCoreApplication::translate("Coverage", "Not sent");
    }
    return {};
}

bool coverageCounts(CoverageState state)
{
    return state == CoverageState::OnTime || state == CoverageState::Late ||
           state == CoverageState::NoActions;
}

QDate brasiliaDate(const QDateTime &utc)
{
    return utc.toTimeZone(QTimeZone(-3 * 3600)).date();
}

int CoverageGrid::covered(int periodIndex) const
{
    int n = 0;
    for (const CoverageRow &row : rows)
        if (periodIndex >= 0 && periodIndex < row.cells.size() &&
            coverageCounts(row.cells.at(periodIndex).state))
            ++n;
    return n;
}

int CoverageGrid::expected(int periodIndex) const
{
    int n = 0;
    for (const CoverageRow &row : rows)
        if (periodIndex >= 0 && periodIndex < row.cells.size() && row.cells.at(periodIndex).expected)
            ++n;
    return n;
}

QList<Municipality> CoverageGrid::notReported(int periodIndex) const
{
    QList<Municipality> out;
    for (const CoverageRow &row : rows)
        if (periodIndex >= 0 && periodIndex < row.cells.size() && row.cells.at(periodIndex).expected &&
            !coverageCounts(row.cells.at(periodIndex).state))
            out << row.municipality;
    return out;
}

void excludeUnexpected(CoverageGrid &grid, const RosterExpectations &roster)
{
    for (CoverageRow &row : grid.rows) {
        const QDate since = roster.joined.value(row.municipality.ibge);
        const QDate until = roster.left.value(row.municipality.ibge);
        for (int i = 0; i < row.cells.size() && i < grid.periods.size(); ++i)
            if (row.cells.at(i).state == CoverageState::Missing &&
                ((since.isValid() && grid.periods.at(i).lastDay() < since) ||
                 (until.isValid() && grid.periods.at(i).firstDay() > until)))
                row.cells[i].expected = false;
    }
}

namespace {

// What the replica says of one (municipality, period): its latest revision and
// when the month's report was first sent.
struct Seen
{
    ReplicaRevision latest;
    QDateTime firstSentAt;
};

// Folds `r` into the month's `seen` (revisions in period, municipality, report,
// revision order).
void fold(std::optional<Seen> &seen, const ReplicaRevision &r)
{
    if (!seen) {
        seen = Seen{r, r.receivedAt};
        return;
    }
    // Two reports for one month (should not happen; the hub refuses a second
    // report of a month): the one with the newest revision speaks.
    if (r.report == seen->latest.report ? r.revision > seen->latest.revision
                                        : r.receivedAt > seen->latest.receivedAt)
        seen->latest = r;
    if (r.receivedAt.isValid() && (!seen->firstSentAt.isValid() || r.receivedAt < seen->firstSentAt))
        seen->firstSentAt = r.receivedAt;
}

CoverageCell cellOf(const Seen &seen, const Period &period, const ProgramDefinition &program,
                    const QHash<QString, QString> &localStates)
{
    const ReplicaRevision &r = seen.latest;
    CoverageCell cell;
    cell.report = r.report;
    cell.revision = r.revision;
    cell.firstSentAt = seen.firstSentAt;
    cell.reviewState = localStates.value(revisionKey(r.report, r.revision), r.state);
    if (cell.reviewState == QLatin1String("returned"))
        cell.state = CoverageState::Returned;
    else if (r.hasManifest && r.noActions)
        cell.state = CoverageState::NoActions;
    else if (program.isLate(period, brasiliaDate(seen.firstSentAt)))
        cell.state = CoverageState::Late;
    else
        cell.state = CoverageState::OnTime;
    return cell;
}

QList<Period> periodsEndingWith(const Period &last, int months)
{
    QList<Period> periods;
    Period p = last;
    for (int i = 0; i < months; ++i, p = p.previous())
        periods.prepend(p);
    return periods;
}

// Every (municipality, period) with a revision, from one query over the
// periods (GROUP BY in the covering index's order): `cell(municipality index,
// period index, cell)`. A month with two reports (never from the hub) is folded
// here as computeCoverage(replica, …) folds it.
Status readCells(const QSqlDatabase &db, const ProgramDefinition &program,
                 const QList<Municipality> &municipalities, const QList<Period> &periods,
                 const QHash<QString, QString> &localStates, bool detail,
                 const std::function<void(int, int, const CoverageCell &)> &cell)
{
    QList<QVariantList> scope, months;
    for (int i = 0; i < municipalities.size(); ++i)
        scope << QVariantList{municipalities.at(i).ibge, i};
    for (int i = 0; i < periods.size(); ++i) {
        // Late: first sent after the deadline's day in Brasília (UTC−3), i.e. from 03:00 UTC the day after.
        const QDate due = program.deadline(periods.at(i));
        months << QVariantList{periods.at(i).key(), i,
                               due.isValid()
                                   ? QVariant(storeTimestamp(QDateTime(due.addDays(1), QTime(3, 0), Qt::UTC)))
                                   : QVariant()};
    }
    using panel_detail::fillTemp;
    if (Status s = fillTemp(db, QStringLiteral("coverage_scope"),
                            QStringLiteral("ibge TEXT PRIMARY KEY, idx INTEGER NOT NULL"), scope);
        !s)
        return s;
    if (Status s =
            fillTemp(db, QStringLiteral("coverage_months"),
                     QStringLiteral("period TEXT PRIMARY KEY, idx INTEGER NOT NULL, late_from TEXT"), months);
        !s)
        return s;
    if (Status s = panel_detail::fillLocalStates(db, localStates); !s)
        return s;

    // Bare columns come from the row of MAX(revision) (SQLite's rule for one
    // min/max aggregate): the month's latest revision when it has one report.
    QList<std::pair<int, int>> twoReports;
    Status read = panel_detail::eachRow(
        db,
        QStringLiteral(
            "SELECT s.idx, m.idx, COUNT(DISTINCT r.report), COALESCE(l.state, r.state), r.no_actions, "
            "(CASE WHEN COUNT(*) = 1 THEN r.received_at ELSE (SELECT MIN(NULLIF(x.received_at, '')) "
            "FROM replica_revisions x WHERE x.period = r.period AND x.municipality = r.municipality) END) "
            ">= m.late_from, MAX(r.revision)%1 "
            "FROM temp.coverage_months m CROSS JOIN replica_revisions r ON r.period = m.period "
            "JOIN temp.coverage_scope s ON s.ibge = r.municipality "
            "LEFT JOIN temp.review_local l ON l.report = r.report AND l.revision = r.revision "
            "GROUP BY r.period, r.municipality")
            .arg(detail ? QStringLiteral(
                              ", r.report, (CASE WHEN COUNT(*) = 1 THEN r.received_at ELSE (SELECT "
                              "MIN(NULLIF(x.received_at, '')) FROM replica_revisions x WHERE x.period = "
                              "r.period AND x.municipality = r.municipality) END)")
                        : QString()),
        {}, [&](const QSqlQuery &q) {
            const int m = q.value(0).toInt(), p = q.value(1).toInt();
            if (q.value(2).toInt() > 1) {
                twoReports << std::pair{m, p};
                return;
            }
            CoverageCell c;
            c.reviewState = q.value(3).toString();
            c.state = c.reviewState == QLatin1String("returned") ? CoverageState::Returned
                      : q.value(4).toInt() == 1                  ? CoverageState::NoActions
                      : q.value(5).toInt() == 1                  ? CoverageState::Late
                                                                 : CoverageState::OnTime;
            if (detail) {
                c.revision = q.value(6).toInt();
                c.report = q.value(7).toString();
                c.firstSentAt = parseStoreTimestamp(q.value(8).toString());
            }
            cell(m, p, c);
        });
    if (!read)
        return read;
    for (const auto &[m, p] : std::as_const(twoReports)) {
        std::optional<Seen> seen;
        Status folded = panel_detail::eachRow(
            db,
            QStringLiteral("SELECT report, revision, state, received_at, no_actions FROM replica_revisions "
                           "WHERE period = ? AND municipality = ? ORDER BY report, revision"),
            {periods.at(p).key(), municipalities.at(m).ibge}, [&](const QSqlQuery &q) {
                ReplicaRevision r;
                r.report = q.value(0).toString();
                r.revision = q.value(1).toInt();
                r.state = q.value(2).toString();
                r.receivedAt = parseStoreTimestamp(q.value(3).toString());
                r.hasManifest = !q.value(4).isNull(); // no_actions comes with the manifest
                r.noActions = q.value(4).toInt() == 1;
                fold(seen, r);
            });
        if (!folded)
            return folded;
        if (seen)
            cell(m, p, cellOf(*seen, periods.at(p), program, localStates));
    }
    return {};
}

} // namespace

Result<CoverageGrid> computeCoverage(const ReplicaService &replica, const ProgramDefinition &program,
                                     const QList<Municipality> &municipalities, const Period &last,
                                     int months, const QHash<QString, QString> &localStates)
{
    CoverageGrid grid;
    if (!last.isValid() || months < 1)
        return grid;
    grid.periods = periodsEndingWith(last, months);

    // One pass over the replica's months asked: (municipality, period) → the month's report.
    QHash<QString, std::optional<Seen>> byKey; // "ibge|YYYY-MM"
    for (const Period &period : std::as_const(grid.periods)) {
        auto revisions = replica.revisions(period);
        if (!revisions)
            return revisions.error();
        for (const ReplicaRevision &r : revisions.value())
            fold(byKey[r.municipality + QLatin1Char('|') + r.period.key()], r);
    }

    for (const Municipality &m : municipalities) {
        CoverageRow row{m, {}};
        for (const Period &period : std::as_const(grid.periods)) {
            const std::optional<Seen> seen = byKey.value(m.ibge + QLatin1Char('|') + period.key());
            row.cells << (seen ? cellOf(*seen, period, program, localStates) : CoverageCell{});
        }
        grid.rows << row;
    }
    return grid;
}

Result<CoverageGrid> computeCoverage(const Database &database, const ProgramDefinition &program,
                                     const QList<Municipality> &municipalities, const Period &last,
                                     int months, const QHash<QString, QString> &localStates)
{
    CoverageGrid grid;
    if (!last.isValid() || months < 1)
        return grid;
    grid.periods = periodsEndingWith(last, months);
    for (const Municipality &m : municipalities)
        grid.rows << CoverageRow{m, QList<CoverageCell>(months)};
    Status read = readCells(database.db(), program, municipalities, grid.periods, localStates, true,
                            [&](int m, int p, const CoverageCell &cell) { grid.rows[m].cells[p] = cell; });
    if (!read)
        return read.error();
    return grid;
}

Result<QVector<CoverageState>> coverageStates(const Database &database, const ProgramDefinition &program,
                                              const QList<Municipality> &municipalities, const Period &last,
                                              int months, const QHash<QString, QString> &localStates)
{
    if (!last.isValid() || months < 1)
        return QVector<CoverageState>{};
    QVector<CoverageState> states(municipalities.size() * months, CoverageState::Missing);
    Status read =
        readCells(database.db(), program, municipalities, periodsEndingWith(last, months), localStates, false,
                  [&](int m, int p, const CoverageCell &cell) { states[m * months + p] = cell.state; });
    if (!read)
        return read.error();
    return states;
}

} // namespace mobiliza::core
