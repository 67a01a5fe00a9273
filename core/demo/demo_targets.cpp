#include "core/demo/demo_targets.h"

#include "core/domain/clock.h"
#include "core/reference/reference_data.h"
#include "core/services/services.h"

namespace mobiliza::core {

namespace {

constexpr qint64 kPerMunicipality = 48;

qint64 roundedUp(qint64 n)
{
    return (n + 49) / 50 * 50;
}

} // namespace

Targets demoTargets(const ReferenceData &reference, const Clock &clock)
{
    Targets t;
    t.revision = 1;
    t.updated = clock.now();
    t.updatedBy = QStringLiteral("Núcleo de Mobilização Social (demonstração)");
    const int year = clock.today().year();
    for (int y = year - 2; y <= year; ++y) {
        YearTargets targets;
        targets.year = y;
        targets.perMunicipality = kPerMunicipality;
        targets.state = roundedUp(kPerMunicipality * qint64(reference.municipalities().size()));
        for (const Urs &urs : reference.urs())
            targets.urs.insert(urs.name, roundedUp(kPerMunicipality * urs.municipalityCount));
        t.years << targets;
    }
    return t;
}

Status seedDemoTargets(Services &services, const ReferenceData &reference, const Clock &clock)
{
    // An example: the targets the hub publishes replace it, and the central level's
    // first edit is its revision 1 (TargetsService::storeExample).
    return services.targets().storeExample(demoTargets(reference, clock));
}

} // namespace mobiliza::core
