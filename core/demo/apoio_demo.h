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

// The COSEMS coordination's demonstration data (`--demo-data` with `--role cosems`): a copy
// as if pulled from the hub — eight apoiadores of the profile's state by name (one who joined
// during the newest quadrimestre, one who left), their reports of the four quadrimestres
// before the current one (most on time, some late, a few missing; the older ones accepted,
// one of the newest returned with a comment), with the same kind of actions as an
// apoiador's demonstration, and the hub's roster. Marked as demonstration; the same figures
// for a state in a given month (the ids are new each time). Does nothing on a copy already
// seeded; refuses (changing nothing) a copy that holds pulled reports or a roster, and says
// so when a seed was cut short (the roster, written last, is missing).
Result<DemoSummary> seedCosemsReplica(Services &services, const ProgramDefinition &program,
                                      const Clock &clock);

// The CONASEMS's demonstration copy (`--demo-data` with `--role conasems`): the same as a
// COSEMS's, for each of conasemsDemoStates() (eight states, of every region), each state's
// reports drawn exactly as its COSEMS's demonstration draws them in the same month; the
// apoiadores named differently in each state. The same refusals as seedCosemsReplica.
QStringList conasemsDemoStates();
Result<DemoSummary> seedConasemsReplica(Services &services, const ProgramDefinition &program,
                                        const Clock &clock);

} // namespace mobiliza::core
