// `mobiliza --panel --from YYYY-MM --to YYYY-MM [--urs NAME] [--theme CODE] --out FILE`
// in a URS or central profile: the Painel's data (core/panel/panel_export.h)
// computed from the local replica, written for Excel — or, for FILE.pdf, the
// Balanço mensal (core/panel/balanco_pdf.h) — and one summary line.
#pragma once

#include "core/domain/role.h"

#include <QString>

namespace mobiliza::core {
class ProgramDefinition;
class ReferenceData;
class Services;
} // namespace mobiliza::core

namespace mobiliza::ui {

struct CommandLine;

int runPanelCommand(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                    const core::ProgramDefinition &program, core::Role role, QString *out, QString *err);

} // namespace mobiliza::ui
