// The apoio panel's figures as one table (program_panel.h), for Excel or any CSV reader:
// one row per figure — the totals, each breakdown's codes, the mix beside its reference,
// the states, the participants by role, the encaminhamentos and each municipality supported —
// with the program's official (pt-BR) labels beside the codes.
#pragma once

#include "core/util/result.h"

#include <QString>

namespace mobiliza::core {

class BrazilReference;
class ProgramDefinition;
struct ProgramPanelData;

namespace outputs {
struct Table;
}

outputs::Table programPanelTable(const ProgramPanelData &data, const ProgramDefinition &program,
                                 const BrazilReference &brazil);
// By the file's suffix: .xlsx, otherwise CSV. Atomic: the file is whole or absent.
Status writeProgramPanelTable(const ProgramPanelData &data, const ProgramDefinition &program,
                              const BrazilReference &brazil, const QString &path);

} // namespace mobiliza::core
