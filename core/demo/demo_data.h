// A realistic, clearly marked demonstration data set for a profile:
// the 12 months before the current one concluded (ready to send), the current
// month as a draft, 5–15 actions a month with 1–3 generated photos each, and
// 20–40 partners in every stage. Deterministic for a given municipality and day.
#pragma once

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Services;

struct DemoSummary
{
    int reports = 0;
    int actions = 0;
    int photos = 0;
    int partners = 0;
};

class DemoData
{
public:
    DemoData(Services &services, ProgramDefinition program, ReferenceData reference, const Clock &clock);

    // Seeds an empty profile, or does nothing on a profile already seeded with demo
    // data. Refuses (changing nothing) a profile that holds real reports or partners.
    // The profile is marked as a demo before the first record; a seed that fails
    // half-way (a full disk) is undone, or the error says exactly what was left.
    Result<DemoSummary> seed();

    static QString settingKey() { return QStringLiteral("demo"); }

private:
    Result<DemoSummary> seedRecords(DemoSummary summary);
    Services &m_services;
    ProgramDefinition m_program;
    ReferenceData m_reference;
    const Clock &m_clock;
};

// Whether `--demo-data` has figures for `program`: the seeders write the fields of the two
// programs shipped with Mobiliza (SES-MG's, the apoio register's), so another program — added
// as a file, docs/programs.md — has none and is refused in words, not seeded with wrong fields.
bool hasDemoData(const ProgramDefinition &program);

} // namespace mobiliza::core
