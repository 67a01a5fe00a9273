// What the UI needs from the lower layers for one open profile. Built by
// Application and handed to the main window and pages: nothing here is global.
#pragma once

#include "core/domain/clock.h"
#include "core/domain/role.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"

#include <QString>

namespace mobiliza::core {
class Services;
}
namespace mobiliza::sync {
class SyncController;
}

namespace mobiliza::ui {

struct AppContext
{
    QString dataDir;
    core::ReferenceData reference;
    core::ProgramDefinition program;
    core::Services *services = nullptr; // owned by the caller, outlives the window
    const core::Clock *clock = nullptr;
    sync::SyncController *sync = nullptr; // may be null (tests, headless runs): pages then show "not enrolled"
    core::Role role = core::Role::Municipality; // the profile's: decides the pages

    // Who reviews the reports, for the reporting level's messages: the level the program names
    // ("Coordenação do COSEMS"); empty for a program that keeps SES-MG's levels, whose messages
    // say "the URS" as the secretariats know it.
    QString reviewer() const
    {
        return program.namesLevel(core::Role::Urs) ? program.level(core::Role::Urs).label : QString();
    }
};

} // namespace mobiliza::ui
