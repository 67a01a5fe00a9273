// The municipal núcleos of the Painel per URS (what SES-MG's monthly balance
// reports): for each URS of the scope, its municipalities, the active núcleos
// and the new ones, counting the same actions as computePanel (panel_query.h:
// each report's latest revision in a counted state, this installation's
// decisions counting as made, the filter's theme and format):
//  - active: municipalities with at least one counted action in the three
//    months ending with filter.to (PanelTiles::activeNuclei, per URS);
//  - new: municipalities whose first counted action ever, in the replica, is
//    in filter.from … filter.to.
#pragma once

#include "core/panel/panel_query.h"

namespace mobiliza::core {

struct UrsNuclei
{
    QString urs;            // canonical name
    int municipalities = 0; // of the URS in the scope (the filter's municipalities narrow it)
    int active = 0;
    int fresh = 0; // new núcleos
};

// One row per URS with a municipality in the (narrowed) scope, by name (pt-BR).
Result<QList<UrsNuclei>> computeNuclei(Database &database, const ReplicaService &replica, const QString &programId,
                                       const QList<Municipality> &scope, const PanelFilter &filter,
                                       const QHash<QString, QString> &localStates = {});

} // namespace mobiliza::core
