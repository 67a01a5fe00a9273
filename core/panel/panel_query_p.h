// Shared by the Painel's queries (not part of core's API): panel_query.cpp
// (computePanel) and panel_nuclei.cpp (the núcleos per URS) count the same
// actions — each report's latest revision in a counted state, this
// installation's decisions counting as made — through the temporary table
// temp.panel_pick that pickCountedRevisions fills.
#pragma once

#include "core/panel/panel_query.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

namespace mobiliza::core::panel_detail {

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

// Fills temp.panel_pick (report, revision) with the latest revision of each
// report of the program `programId` and of `municipalities` whose state — or this installation's decision on
// it (`localStates`) — is one of panelStates(includeReceived), for the periods
// from … to; an invalid `from`: every period up to `to`.
Status pickCountedRevisions(const QSqlDatabase &db, const ReplicaService &replica, const QString &programId,
                            const QSet<QString> &municipalities, bool includeReceived,
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

} // namespace mobiliza::core::panel_detail
