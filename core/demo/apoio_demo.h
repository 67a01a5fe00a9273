// The apoiador's demonstration data (the CONASEMS–COSEMS apoio program, issue 11): apoio
// actions across a year in the profile's state — the three quadrimestres before the
// current one concluded, the current one a draft — in the three 70-20-10 learning modes,
// with municipalities of the state, participants by role, topics, the qualitative texts
// and encaminhamentos open, done and late. Deterministic for a given apoiador and day.
// Called by DemoData::seed (which marks the profile and undoes a half-made seed).
#pragma once

#include "core/demo/demo_data.h"
#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Services;

Result<DemoSummary> seedApoioRecords(Services &services, const ProgramDefinition &program, const Clock &clock,
                                     DemoSummary summary);

} // namespace mobiliza::core
