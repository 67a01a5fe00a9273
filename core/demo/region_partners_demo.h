// The partners of the region in a URS's demonstration data (`--demo-data` with
// `--role urs`): 3–10 partners per municipality of the URS — schools, councils,
// parishes, community radios, groups, a few people — in every stage, some with
// consent to communications, as a synchronization would bring them (only what
// BRIEF §7 lets travel: no contacts). Deterministic for the generator's seed.
#pragma once

#include "core/reference/reference_data.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QRandomGenerator>

namespace mobiliza::core {

class Services;

// Applies them to the profile's copy (core::RegionPartners) in one transaction;
// returns how many.
Result<int> seedRegionPartners(Services &services, const QList<Municipality> &municipalities, QRandomGenerator &rng,
                               const QDateTime &now);

} // namespace mobiliza::core
