// What an installation is, decided once: the program it records, its level in that
// program (the role: municipality / URS / central for SES-MG; apoiador / COSEMS /
// CONASEMS for the apoio program) and the level's place (an IBGE code, a URS, a UF).
// From the command line on first use, else asked (the first-run dialog or a test's
// answer); afterwards the profile's own, and anything else is refused in words.
#pragma once

#include "app/ui/application.h"
#include "app/ui/command_line.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"

namespace mobiliza::core {
class ProfileService;
}

namespace mobiliza::ui {

struct ProfileSetup
{
    enum class Kind
    {
        Ready,     // the profile is set up: `program` and `role` are its own
        NotChosen, // the person closed the first-run question: nothing changed (`message` says so)
        Failed,    // refused or invalid: `message` says why and what to do
    };
    Kind kind = Kind::Failed;
    core::ProgramDefinition program;
    core::Role role = core::Role::Municipality;
    QString message;
};

// Applies --program / --role / --municipality / --urs / --uf (or, on a profile not set
// up yet, --demo-data's default or the seams' question) to the profile. `dialog`: asks
// with the first-run dialog when no seam answers (an interactive run).
ProfileSetup setUpProfile(const CommandLine &cl, const StartupSeams &seams, core::ProfileService &profile,
                          const core::ReferenceData &reference, bool headless);

// The period named on the command line as this program writes it ("2026-10" for a
// monthly program, "2026-Q2" for a quadrimestral one): an empty string when it is
// fine, else the message that says how to write it.
QString periodKeyProblem(const core::ProgramDefinition &program, const QString &key);

} // namespace mobiliza::ui
