#include "core/regional/coverage.h"

#include "core/program/program_definition.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"

#include <QCoreApplication>
#include <QTimeZone>

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
    return state == CoverageState::OnTime || state == CoverageState::Late || state == CoverageState::NoActions;
}

QDate brasiliaDate(const QDateTime &utc)
{
    return utc.toTimeZone(QTimeZone(-3 * 3600)).date();
}

int CoverageGrid::covered(int periodIndex) const
{
    int n = 0;
    for (const CoverageRow &row : rows)
        if (periodIndex >= 0 && periodIndex < row.cells.size() && coverageCounts(row.cells.at(periodIndex).state))
            ++n;
    return n;
}

QList<Municipality> CoverageGrid::notReported(int periodIndex) const
{
    QList<Municipality> out;
    for (const CoverageRow &row : rows)
        if (periodIndex >= 0 && periodIndex < row.cells.size() && !coverageCounts(row.cells.at(periodIndex).state))
            out << row.municipality;
    return out;
}

Result<CoverageGrid> computeCoverage(const ReplicaService &replica, const ProgramDefinition &program,
                                     const QList<Municipality> &municipalities, const Period &last, int months,
                                     const QHash<QString, QString> &localStates)
{
    CoverageGrid grid;
    if (!last.isValid() || months < 1)
        return grid;
    Period p = last;
    for (int i = 0; i < months; ++i, p = p.previous())
        grid.periods.prepend(p);

    // One pass over the replica: (municipality, period) → the month's report.
    struct Seen
    {
        ReplicaRevision latest;
        QDateTime firstSentAt;
    };
    QHash<QString, Seen> byKey; // "ibge|YYYY-MM"
    auto all = replica.revisions();
    if (!all)
        return all.error();
    for (const ReplicaRevision &r : all.value()) {
        if (r.period < grid.periods.first() || grid.periods.last() < r.period)
            continue;
        const QString key = r.municipality + QLatin1Char('|') + r.period.key();
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            byKey.insert(key, Seen{r, r.receivedAt});
            continue;
        }
        // Two reports for one month (should not happen; the hub refuses a second
        // report of a month): the one with the newest revision speaks.
        if (r.report == it->latest.report ? r.revision > it->latest.revision : r.receivedAt > it->latest.receivedAt)
            it->latest = r;
        if (r.receivedAt.isValid() && (!it->firstSentAt.isValid() || r.receivedAt < it->firstSentAt))
            it->firstSentAt = r.receivedAt;
    }

    for (const Municipality &m : municipalities) {
        CoverageRow row{m, {}};
        for (const Period &period : std::as_const(grid.periods)) {
            CoverageCell cell;
            const auto it = byKey.constFind(m.ibge + QLatin1Char('|') + period.key());
            if (it != byKey.constEnd()) {
                const ReplicaRevision &r = it->latest;
                cell.report = r.report;
                cell.revision = r.revision;
                cell.firstSentAt = it->firstSentAt;
                cell.reviewState = localStates.value(revisionKey(r.report, r.revision), r.state);
                if (cell.reviewState == QLatin1String("returned"))
                    cell.state = CoverageState::Returned;
                else if (r.hasManifest && r.noActions)
                    cell.state = CoverageState::NoActions;
                else if (program.isLate(period, brasiliaDate(it->firstSentAt)))
                    cell.state = CoverageState::Late;
                else
                    cell.state = CoverageState::OnTime;
            }
            row.cells << cell;
        }
        grid.rows << row;
    }
    return grid;
}

} // namespace mobiliza::core
