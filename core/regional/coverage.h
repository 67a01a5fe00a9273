// Coverage at the URS ("quem ainda não enviou"): for each municipality of the
// URS and each competência, what its report is — from the local replica (and
// this installation's review decisions not yet pulled back), so it works offline.
//
// The state of a cell, in order of precedence:
//   missing    — no revision of the month (não enviado);
//   returned   — the latest revision was returned and no correction arrived yet;
//   no_actions — "sem ações no mês", justified (only known once the manifest is here);
//   late       — first sent after the program's deadline (dd of the next month);
//   on_time    — first sent by the deadline.
// The date that counts is when the hub first received the month's report (its
// first revision), in Brasília time: a correction never makes a report late.
// A month is covered by a municipality when its cell is on_time, late or no_actions.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QVector>

namespace mobiliza::core {

class Database;
class ProgramDefinition;
class ReplicaService;

enum class CoverageState
{
    OnTime,
    Late,
    NoActions,
    Returned,
    Missing
};
QString coverageStateKey(CoverageState state);   // on_time, late, no_actions, returned, missing
QString coverageStateLabel(CoverageState state); // translated ("Enviado no prazo"…)
bool coverageCounts(CoverageState state);        // on_time, late, no_actions

struct CoverageCell
{
    CoverageState state = CoverageState::Missing;
    QString report; // uuid; empty when missing
    int revision = 0;
    QDateTime firstSentAt; // UTC: the hub's reception of revision 1 (or the oldest here)
    QString reviewState;   // of the latest revision (received, accepted…)
    // False for a person who was not in the program then — joined after the period ended,
    // or has left — and sent nothing for it (excludeUnexpected): not counted either way.
    bool expected = true;
};

struct CoverageRow
{
    Municipality municipality;
    QList<CoverageCell> cells; // one per period, in CoverageGrid::periods order
};

struct CoverageGrid
{
    QList<Period> periods;   // oldest first
    QList<CoverageRow> rows; // by municipality name
    double target = 1.0;     // the share of municipalities expected to report (data; default 100 %)
    int covered(int periodIndex) const;
    int expected() const { return int(rows.size()); }
    int expected(int periodIndex) const; // the rows expected to report that period
    // The expected municipalities whose report of that period is missing or returned.
    QList<Municipality> notReported(int periodIndex) const;
};

// `months` periods ending with `last`. `localStates`: revisionKey(report, revision)
// → the state after this installation's decision on that revision
// (ReviewOutbox::localStates(); may be empty).
Result<CoverageGrid> computeCoverage(const ReplicaService &replica, const ProgramDefinition &program,
                                     const QList<Municipality> &municipalities, const Period &last,
                                     int months, const QHash<QString, QString> &localStates = {});

// The same grid read from the profile's replica with one query over those periods
// only (a covering index of schema 10): what a central level's replica of the
// whole state needs.
Result<CoverageGrid> computeCoverage(const Database &database, const ProgramDefinition &program,
                                     const QList<Municipality> &municipalities, const Period &last,
                                     int months, const QHash<QString, QString> &localStates = {});

// Only the cells' states, [municipality index × months + period index] (the
// Painel's counts): as computeCoverage(database, …) without building the grid.
Result<QVector<CoverageState>> coverageStates(const Database &database, const ProgramDefinition &program,
                                              const QList<Municipality> &municipalities, const Period &last,
                                              int months, const QHash<QString, QString> &localStates = {});

// Who a coordination of people (the apoio program's COSEMS) expects reports from, by
// the hub's roster: `joined`, unit → the date of its first enrollment; `left`, unit →
// the date its last token was revoked, for those who left (both Brasília dates).
struct RosterExpectations
{
    QHash<QString, QDate> joined;
    QHash<QString, QDate> left;
};
// A missing cell of a period that ended before the apoiador joined, or began after it
// left, becomes not expected; a report sent anyway still counts.
void excludeUnexpected(CoverageGrid &grid, const RosterExpectations &roster);

// The moment a report counts as sent, as a date in Brasília time (UTC−3, no
// daylight saving since 2019).
QDate brasiliaDate(const QDateTime &utc);

} // namespace mobiliza::core
