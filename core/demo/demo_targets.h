// The demonstration's targets (core/reference/targets.h): yearly action targets for
// the years a demonstration profile shows — the state's, each URS's, and each
// municipality's — so every level's Painel, Balanço and "Metas…" have numbers to
// measure against. Every level holds them as an example (TargetsService::storeExample):
// targets a hub publishes replace them, and the central level's first edit is revision 1.
#pragma once

#include "core/reference/targets.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Clock;
class Services;

// Each municipality 48 actions a year (four a month), each URS and the state the
// sum over their municipalities rounded up to the next 50, for the year of `clock`
// and the two before.
Targets demoTargets(const ReferenceData &reference, const Clock &clock);

// Stores demoTargets in the profile as an example (nothing when it holds real targets).
Status seedDemoTargets(Services &services, const ReferenceData &reference, const Clock &clock);

} // namespace mobiliza::core
