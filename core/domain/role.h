// What an installation is: the profile's role decides its pages, its header,
// which hub codes it accepts and which commands make sense. Chosen on the
// first run and fixed afterwards (a profile never changes what it is).
#pragma once

#include <QString>

#include <optional>

namespace mobiliza::core {

enum class Role
{
    Municipality, // a municipal health secretariat: records and sends its reports
    Urs,          // a regional health unit: receives, reviews, follows coverage, forwards
    Central,      // the state's central level: consolidates (issue 10)
};

QString roleKey(Role role);                            // "municipality", "urs", "central"
std::optional<Role> roleFromKey(const QString &key);   // nullopt for anything else
QString roleLabel(Role role);                          // translated: "Município", "URS", "Nível central"

} // namespace mobiliza::core
