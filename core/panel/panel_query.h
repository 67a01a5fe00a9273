// The Painel das Ações de Mobilização Social over the local replica (a URS: its
// municipalities): tiles, monthly series, breakdowns and a ranking, for one
// filter, with the same tiles for the period just before to show the change.
//
// What counts:
//  - actions and people reached: the actions of each report's latest revision
//    whose state is accepted, forwarded or consolidated — and, with
//    includeReceived, received or in review too (never a returned one). This
//    installation's decisions not yet confirmed by the hub count as made
//    (localStates, as the coverage grid does). The theme and format filters
//    keep the actions that have that theme (any of theirs) or that format;
//  - reporting (coverage): core/regional/coverage.h, whatever the review state
//    and the theme or format: a month is covered by a municipality that sent
//    its report (on time, late, or "sem ações no mês");
//  - active núcleos: municipalities with at least one counted action in the
//    three months ending with the range's last month.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

namespace mobiliza::core {

class Database;
class ProgramDefinition;
class ReplicaService;

struct PanelFilter
{
    Period from;                // inclusive
    Period to;                  // inclusive, ≥ from
    QString theme;              // catalogue code; empty: every theme
    QString format;             // catalogue code; empty: every format
    QStringList municipalities; // IBGE codes; empty: the whole scope
    bool includeReceived = false;
    // For people only (computePanel reads `municipalities`): the area they were
    // chosen as ("urs:Barbacena", "regiao:31001"…; app/ui/panel/panel_areas.h).
    QString areaKey;
    // The scope's coverage target (ReferenceData::coverageTarget), for PanelData::target.
    double target = 1.0;
    // The actions expected over the range (core::Targets::actionsIn); negative: no
    // target applies. For people: the tile and the Balanço show it, nothing counts it.
    double actionTarget = -1;
    int months() const; // in the range (0 when invalid)
    friend bool operator==(const PanelFilter &, const PanelFilter &) = default;
};

// The review states whose actions the panel counts under `includeReceived`.
QStringList panelStates(bool includeReceived);

struct PanelTiles
{
    qint64 actions = 0;
    qint64 people = 0;
    int reporting = 0; // municipalities that sent the range's last month
    int expected = 0;  // municipalities in the filter's scope
    int onTime = 0;    // reports of the range first sent by the deadline…
    int late = 0;      // …and after it ("sem ações no mês" counts in neither)
    int activeNuclei = 0;
    // on time ÷ (on time + late); negative when no report was sent.
    double onTimeRate() const;
    friend bool operator==(const PanelTiles &, const PanelTiles &) = default;
};

struct PanelCount
{
    QString code; // a catalogue code; empty: "other themes" in a stack, "not said" elsewhere
    qint64 count = 0;
    friend bool operator==(const PanelCount &, const PanelCount &) = default;
};

struct PanelRankRow
{
    QString municipality; // IBGE
    qint64 actions = 0;
    qint64 people = 0;
    int monthsReported = 0; // months of the range its report covers
    friend bool operator==(const PanelRankRow &, const PanelRankRow &) = default;
};

// One municipality's month: what the tables behind the panel (its CSV/XLSX) hold.
struct PanelCell
{
    QString municipality; // IBGE
    Period period;
    QString coverage; // coverageStateKey: on_time, late, no_actions, returned, missing
    qint64 actions = 0;
    qint64 people = 0;
    // A municipality's own panel only (own_panel.h): its report of the month, if any.
    QString report;      // uuid
    QString reportState; // reportStateKey
    friend bool operator==(const PanelCell &, const PanelCell &) = default;
};

struct PanelData
{
    PanelFilter filter;
    QList<Period> periods; // filter.from … filter.to
    PanelTiles tiles;
    PanelTiles previous; // the same number of months just before filter.from
    // Actions per month stacked by each action's first theme: the most frequent
    // themes of the range, then the rest in one stack (code empty).
    QList<PanelCount> stackThemes;         // totals of the range, stack order
    QList<QVector<qint64>> actionsByTheme; // [stack][period]
    QVector<qint64> actions;               // per period
    QVector<qint64> people;                // per period
    QVector<int> reporting;                // per period: municipalities covered
    double target = 1.0;                   // share of municipalities expected to report
    QList<PanelCount> byFormat;            // most first
    QList<PanelCount> byAudience;          // an action counts once in each of its audiences
    QList<PanelRankRow> ranking;           // every municipality of the scope, most actions first
    QList<PanelCell> cells;                // every municipality of the scope × month, in the ranking's order
    // The same figures (a refresh after a change that did not move them draws nothing again).
    friend bool operator==(const PanelData &, const PanelData &) = default;
    // The charts of actions (themes by month, people, formats, audiences) draw the same:
    // the tiles, the coverage and the months' table may differ.
    bool sameActionCharts(const PanelData &other) const
    {
        return filter == other.filter && periods == other.periods && stackThemes == other.stackThemes &&
               actionsByTheme == other.actionsByTheme && actions == other.actions && people == other.people &&
               byFormat == other.byFormat && byAudience == other.byAudience;
    }
};

inline constexpr int kPanelStackedThemes = 6;

// `scope`: the municipalities this installation sees (a URS's); the filter's
// municipalities narrow it. `localStates`: ReviewOutbox::localStates().
Result<PanelData> computePanel(Database &database, const ReplicaService &replica,
                               const ProgramDefinition &program, const QList<Municipality> &scope,
                               const PanelFilter &filter, const QHash<QString, QString> &localStates = {});

} // namespace mobiliza::core
