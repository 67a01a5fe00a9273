// The lists behind the Painel's numbers ("every number opens the list behind
// it", issue 10), counted by the same rules as computePanel (panel_query.h):
//  - Actions: every action the filter counts in its range — the actions tile
//    is their number, the people tile the sum of their people;
//  - Reports: every report of the range whose month is covered (on time, late or
//    "sem ações no mês"), whatever its review — the on-time tile is the share of
//    the on_time ones among on_time + late, the reporting tile the number of
//    those of the range's last month;
//  - InactiveMunicipalities: the municipalities of the (narrowed) scope with no
//    counted action in the three months ending with the range's last one — the
//    complement of the active núcleos tile;
//  - ActiveActions: the counted actions of those three months (the distinct
//    municipalities among them are the active núcleos).
// Nothing about partners is read (BRIEF §7): an action's title, date, themes,
// format and people reached only.
#pragma once

#include "core/panel/panel_query.h"
#include "core/regional/coverage.h"

#include <QDate>
#include <QDateTime>

#include <memory>

namespace mobiliza::core {

class Clock;
class Database;
class ReplicaService;

enum class PanelListKind
{
    Actions,
    Reports,
    InactiveMunicipalities,
    ActiveActions
};

struct PanelActionRow
{
    QString municipality; // IBGE
    QString name;         // of the municipality (the scope's)
    QString urs;
    Period period;
    QString report;      // uuid (empty for InactiveMunicipalities)
    int revision = 0;    // the counted (latest) revision
    QString reviewState; // received, accepted… (this installation's decision counting as made)
    // Actions:
    int position = -1; // 0-based
    QString title;
    QDate date;
    QStringList themes; // catalogue codes, in the order chosen
    QString format;     // catalogue code; empty: not said
    qint64 people = 0;
    // Reports:
    CoverageState coverage = CoverageState::Missing; // on time, late or no actions
    QDateTime firstSent; // UTC: when the hub first received the month's report
};

// Sorted by month, then municipality name, then the action's position.
Result<QList<PanelActionRow>> panelActionRows(Database &database, const ReplicaService &replica,
                                              const ProgramDefinition &program,
                                              const QList<Municipality> &scope, const PanelFilter &filter,
                                              const QHash<QString, QString> &localStates,
                                              PanelListKind kind);

// The same through a connection of the calling (worker) thread's own to the
// profile in `dataDir`, read only: what the app runs off the UI thread.
Result<QList<PanelActionRow>> panelActionRows(const QString &dataDir, const Clock &clock,
                                              const ProgramDefinition &program,
                                              const QList<Municipality> &scope, const PanelFilter &filter,
                                              PanelListKind kind);

// A worker's read-only view of the profile in `dataDir`: its store, replica and
// this installation's review decisions not yet confirmed by the hub. Shared by
// the Painel's computations off the UI thread.
class PanelReader
{
public:
    static Result<std::unique_ptr<PanelReader>> open(const QString &dataDir, const Clock &clock);
    ~PanelReader();
    Database &database() const;
    const ReplicaService &replica() const;
    QHash<QString, QString> localStates() const;

private:
    PanelReader();
    struct Parts;
    std::unique_ptr<Parts> m_parts;
};

} // namespace mobiliza::core
