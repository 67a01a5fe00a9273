#include "core/regional/territory_reach.h"

#include "core/program/program_definition.h"
#include "core/regional/replica_service.h"

#include <QJsonArray>
#include <QSet>

namespace mobiliza::core {

Result<TerritoryReach> territoryReach(const ReplicaService &replica, const ProgramDefinition &program,
                                      const BrazilReference &brazil, const Period &period, const QString &uf)
{
    TerritoryReach reach;
    reach.period = period;
    reach.uf = uf;
    const QString municipalitiesField = program.fieldForRole(field_role::Municipalities);
    QSet<QString> named;
    auto latest = replica.latest(period);
    if (!latest)
        return latest.error();
    for (const ReplicaRevision &r : latest.value()) {
        if (!r.hasManifest) {
            ++reach.reportsWaiting;
            continue;
        }
        auto report = replica.report(r.report, r.revision);
        if (!report)
            return report.error();
        for (const Action &action : report.value().actions) {
            ++reach.actions;
            const QJsonArray codes = municipalitiesField.isEmpty()
                                         ? QJsonArray()
                                         : action.values.value(municipalitiesField).toArray();
            if (codes.isEmpty())
                ++reach.withoutMunicipalities;
            for (const QJsonValue &code : codes)
                named.insert(code.toString());
        }
    }
    for (const BrMunicipality &m : brazil.municipalitiesOf(uf))
        (named.contains(m.ibge) ? reach.reached : reach.notReached) << m;
    return reach;
}

} // namespace mobiliza::core
