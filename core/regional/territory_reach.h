// "Which municipalities of the state had no apoio in the period" (issue 11): the
// coordination's second coverage question, for a program whose records name the
// municipalities they reached (field role `municipalities`; the state's are those of the
// national table in `uf`). Read from
// the replica, so it works offline: the actions of the latest revision of each
// report of the period whose manifest is here, whatever its review state (a report
// returned for correction still says where the apoio happened).
#pragma once

#include "core/domain/types.h"
#include "core/reference/brazil_reference.h"
#include "core/util/result.h"

#include <QList>
#include <QString>

namespace mobiliza::core {

class ProgramDefinition;
class ReplicaService;

struct TerritoryReach
{
    Period period;
    QString uf;
    QList<BrMunicipality> reached;    // municipalities of the state named by an action, by name
    QList<BrMunicipality> notReached; // the state's others, by name
    int actions = 0;                  // actions of the period (all states)
    int withoutMunicipalities = 0;    // of them, those that name none (a região de saúde as text)
    int reportsWaiting = 0;           // reports whose manifest has not arrived: the figures may grow
    int stateMunicipalities() const { return int(reached.size() + notReached.size()); }
};

// The reach in `uf` of the reports of `period`. A program without the `municipalities`
// role reaches nothing (every municipality is "not reached"); an unknown UF has none.
Result<TerritoryReach> territoryReach(const ReplicaService &replica, const ProgramDefinition &program,
                                      const BrazilReference &brazil, const Period &period, const QString &uf);

} // namespace mobiliza::core
