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

// `mobiliza --search WORDS --from PERIOD --to PERIOD [--out FILE.csv|FILE.xlsx]` in a COSEMS
// or CONASEMS profile: the panel's text search (core/panel/text_search.h) over the accepted
// reports of the range — the best passages printed, one per line, the words found in
// [brackets], then a summary; with --out, the actions found written for a spreadsheet.
int runSearchCommand(const CommandLine &cl, const QString &dataDir, core::Services &services,
                     const core::ProgramDefinition &program, core::Role role, QString *out, QString *err);

} // namespace mobiliza::ui
