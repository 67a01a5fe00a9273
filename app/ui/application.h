// Start-up: command line, language, profile, first-run municipality, then
// either a headless action (--status, --screenshot) or the main window.
#pragma once

#include "core/domain/role.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace mobiliza::core {
class Clock;
}

namespace mobiliza::ui {

// The first-run answer: the program (empty: the default, SES-MG), the level and its place.
struct ProfileAnswer
{
    QString program;
    std::optional<core::Role> role; // nullopt: cancelled
    QString place;                  // IBGE code, URS name or UF; empty for the central levels
};

struct StartupSeams
{
    // Asks the user which municipality the profile reports for; empty = cancelled.
    // Tests replace it; the default shows MunicipalityDialog.
    std::function<QString()> askMunicipality;
    // Asks what this installation is (program, role and place); no role, or a role
    // without place, = cancelled (except the central levels). Wins over askMunicipality.
    std::function<ProfileAnswer()> askProfile;
    const core::Clock *clock = nullptr; // default: the system clock
    QString defaultDataDir;             // default: the platform's app-data folder
};

// Runs Mobiliza inside an existing QApplication. Returns the process exit code.
// Output for headless flags goes to the given streams (stdout/stderr in main).
int runMobiliza(const QStringList &arguments, const StartupSeams &seams, QString *out, QString *err);

// main(): creates the QApplication (offscreen when headless without a display).
int runApplication(int argc, char **argv);

} // namespace mobiliza::ui
