// The demonstration data of a URS profile (`--demo-data` with `--role urs`): a
// replica as if pulled from the hub — the URS's real municipalities over the 12
// months before the current one, most sent on time, some late, some missing,
// one month without actions, older months accepted and forwarded, and one
// report returned and corrected (revision 2 adds an action and a photo and
// changes a field, so "what changed" has something to show). Clearly marked as
// demonstration (the profile's demo flag). Deterministic for a URS and a day.
#pragma once

#include "core/demo/demo_data.h"

namespace mobiliza::core {

class RegionalDemo
{
public:
    RegionalDemo(Services &services, ProgramDefinition program, ReferenceData reference, const Clock &clock);

    // Seeds an empty URS replica; does nothing on one already seeded with demo
    // data; refuses (changing nothing) a replica that holds pulled reports.
    Result<DemoSummary> seed();

private:
    Services &m_services;
    ProgramDefinition m_program;
    ReferenceData m_reference;
    const Clock &m_clock;
};

} // namespace mobiliza::core
