// The headless commands of a URS (or central) profile: --pull, --review,
// --coverage, --status, --forward, --import-package, --import-receipt, --import-batch (the central
// level), --batches. Each returns the process exit code and writes its
// lines to `out` and problems (pt-BR) to `err`.
#pragma once

#include <QString>

namespace mobiliza::core {
class ProgramDefinition;
class ReferenceData;
class Services;
} // namespace mobiliza::core
namespace mobiliza::sync {
class SyncController;
}

namespace mobiliza::ui {

struct CommandLine;

// True when the command line asks for one of the commands below.
bool isRegionalCommand(const CommandLine &cl);

int runRegionalCommand(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                       const core::ProgramDefinition &program, sync::SyncController &sync, QString *out,
                       QString *err);

} // namespace mobiliza::ui
