// Shared by the Painel's queries (not part of core's API): panel_query.cpp
// (computePanel) and panel_nuclei.cpp (the núcleos per URS) count the same
// actions — each report's latest revision in a counted state, this
// installation's decisions counting as made — through the temporary table
// temp.panel_pick that pickCountedRevisions fills.
#pragma once

#include "core/panel/panel_actions.h"
#include "core/panel/panel_query.h"
#include "core/regional/coverage.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>

namespace mobiliza::core::panel_detail {

// Every statement of the panel's computation runs through eachRow: prepared,
// bound, executed, and each result row handed to `row` (when set).
Status eachRow(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {},
               const std::function<void(const QSqlQuery &)> &row = {});

// For bench/panel: called after each statement of eachRow with its SQL, its
// arguments and its time from prepare to the last row. Process-wide; set it
// before any computation starts (not while one runs); empty: no trace.
// Empties (creating it when new) the temporary table temp.`table` (`columns`,
// WITHOUT ROWID) and inserts `rows` through one prepared statement.
Status fillTemp(const QSqlDatabase &db, const QString &table, const QString &columns,
                const QList<QVariantList> &rows);

// temp.review_local (report, revision, state): this installation's decisions not
// yet confirmed by the hub (ReviewOutbox::localStates(), keyed "uuid#n").
Status fillLocalStates(const QSqlDatabase &db, const QHash<QString, QString> &localStates);

using QueryTrace = std::function<void(const QString &sql, const QVariantList &args, qint64 nsecs)>;
void setQueryTrace(QueryTrace trace);

// The filter's period: an "invalid_filter" error in words when it ends before
// it starts or spans more than 20 years.
Status checkFilter(const PanelFilter &filter);

int monthsBetween(const Period &a, const Period &b); // b − a, in months
Period addMonths(Period p, int n);

// A read snapshot of the profile for the whole computation (deferred: it takes
// no write lock, so the person keeps typing meanwhile), ended on every path.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(const QSqlDatabase &db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

// A month as a number (year × 12 + month − 1): temp.panel_pick.month.
int monthNumber(const Period &p);

// Fills temp.panel_pick (report, revision, municipality, month) with the latest revision of each
// report of the program `programId` and of `municipalities` whose state — or this installation's decision on
// it (`localStates`) — is one of panelStates(includeReceived), for the periods
// from … to; an invalid `from`: every period up to `to`.
Status pickCountedRevisions(const QSqlDatabase &db, const ReplicaService &replica, const QString &programId,
                            const QSet<QString> &municipalities, bool includeReceived,
                            const QHash<QString, QString> &localStates, const Period &from, const Period &to);
// The same for `municipalities` in this order: panel_pick.municipality is the index
// in it (temp.panel_scope), panel_pick.month the revision's monthNumber.
Status pickCountedRevisions(const QSqlDatabase &db, const QString &programId,
                            const QStringList &municipalities, bool includeReceived,
                            const QHash<QString, QString> &localStates, const Period &from, const Period &to);

// The actions the filter keeps (its theme and format), over the picked
// revisions, in a period range: "FROM … WHERE …" with its arguments.
struct ActionScope
{
    QString sql;
    QVariantList args;
};

ActionScope actionScope(const PanelFilter &filter, const Period &from, const Period &to);

// The municipalities with at least one counted action in the three months
// ending with `to` (PanelTiles::activeNuclei), over the picked revisions.
Result<QSet<QString>> activeMunicipalities(const QSqlDatabase &db, const PanelFilter &filter,
                                           const Period &to);

// What computePanel reads, whatever it reads it from (the replica, or a municipality's
// own reports: own_panel.h), before assemblePanel counts it.
struct PickedRevision
{
    int municipality = 0; // index in PanelInputs::municipalities
    int month = 0;        // monthNumber
    int first = 0;        // its actions: PanelInputs::actions first … first + count - 1
    int count = 0;
};
struct PanelInputs
{
    QList<Municipality> municipalities; // the filter's, in the scope's order
    // [municipality × months + month] for the months panelInputsFrom … filter.to.
    QVector<CoverageState> states;
    QList<PickedRevision> picked; // the counted revisions of those months
    // Their actions, decoded; shared by the slices of kept inputs (panel_cache.h).
    std::shared_ptr<PanelActions> actions = std::make_shared<PanelActions>();

    // Appends a counted revision with its packed actions (replica_facts.h); only
    // while these inputs are being built (before they are shared).
    void addPicked(int municipality, int month, QByteArrayView packed);
};
// The first month whose figures the panel needs: the previous range's and the
// active núcleos' window before it.
Period panelInputsFrom(const PanelFilter &filter);
// The tiles, series, breakdowns, ranking and cells of `inputs` (a valid filter).
PanelData assemblePanel(const PanelFilter &filter, const PanelInputs &inputs);
// The inputs of `municipalities` (in that order) for the months lo … to, from the
// replica (inside the caller's read snapshot).
Result<PanelInputs> readPanelInputs(Database &database, const ProgramDefinition &program,
                                    const QList<Municipality> &municipalities, bool includeReceived,
                                    const QHash<QString, QString> &localStates, const Period &lo,
                                    const Period &to);

} // namespace mobiliza::core::panel_detail
